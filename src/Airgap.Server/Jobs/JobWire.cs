using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Airgap.Server.Jobs;

/// <summary>
/// A job on the wire: times in Unix seconds; <c>result</c> is the body the synchronous call answered (a JSON value, or
/// its text as a string when it was not JSON), present once the job is done or failed; <c>error_status</c> is the HTTP
/// status a failed job's synchronous call would have had.
/// </summary>
public sealed record JobView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("priority")] int Priority,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("started")] long? Started,
    [property: JsonPropertyName("finished")] long? Finished,
    [property: JsonPropertyName("result"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Result,
    [property: JsonPropertyName("error_status"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ErrorStatus)
{
    /// <summary>The wire form of <paramref name="job"/>; its result only when <paramref name="withResult"/>.</summary>
    public static JobView From(Job job, bool withResult) => new(job.Id, "job", job.Status, job.Priority, job.Model, job.Path,
        job.Created.ToUnixTimeSeconds(), job.Started?.ToUnixTimeSeconds(), job.Finished?.ToUnixTimeSeconds(),
        withResult && job.Result is { } result ? Parse(result, job.ResultType) : null,
        job.Status == JobStatus.Failed ? job.ResultStatus : null);

    private static JsonElement Parse(byte[] body, string? contentType)
    {
        if (contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                // not the JSON it claimed to be: given back as text below
            }
        }
        return JsonSerializer.SerializeToElement(Encoding.UTF8.GetString(body), JobJsonContext.Plain.String);
    }
}

/// <summary>GET /v1/jobs: the caller's jobs, newest first, without results.</summary>
public sealed record JobList(
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("data")] IReadOnlyList<JobView> Data);

[JsonSerializable(typeof(JobView))]
[JsonSerializable(typeof(JobList))]
[JsonSerializable(typeof(string))]
internal sealed partial class JobJsonContext : JsonSerializerContext
{
    /// <summary>This context writing text unescaped.</summary>
    public static JobJsonContext Plain { get; } = new(Wire.PlainJson.Options());
}
