using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Airgap.Inference.Errors;
using Airgap.Server.Hosting;
using Airgap.Server.Tasks;
using Airgap.Server.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Airgap.Server.Jobs;

/// <summary>
/// `Prefer: respond-async` on an endpoint marked <see cref="AsyncCapable"/>: the request is checked (size, JSON, model),
/// stored as a job and answered at once with 202, its id and `Location: /v1/jobs/{id}`. Runs after routing and API
/// keys, so the caller is known; refusals are thrown and shaped by the dialect fallback, as the endpoint's would be.
/// </summary>
public static class JobSubmission
{
    private const string BytesSetting = "Jobs:MaxBodyBytes";

    /// <summary>Adds the submission step; place it after routing and API keys.</summary>
    public static IApplicationBuilder UseJobSubmission(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Features.Get<JobReplayFeature>() is not null || !HttpMethods.IsPost(context.Request.Method)
            || !PrefersAsync(context.Request) || context.GetEndpoint()?.Metadata.GetMetadata<AsyncCapable>() is not { } capable)
        {
            await next(context); // RFC 7240: a preference an endpoint cannot honour is ignored
            return;
        }
        await SubmitAsync(context, capable);
    });

    /// <summary>True when a Prefer header asks for respond-async (preferences are comma-separated, names case-insensitive).</summary>
    public static bool PrefersAsync(HttpRequest request) =>
        request.Headers["Prefer"].SelectMany(v => (v ?? "").Split(','))
            .Any(p => p.Split(';', 2)[0].Split('=', 2)[0].Trim().Equals("respond-async", StringComparison.OrdinalIgnoreCase));

    private static async Task SubmitAsync(HttpContext context, AsyncCapable capable)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<JobOptions>();
        var request = context.Request;
        var key = CallerProperties.IdempotencyKey(request);
        var body = await ReadBodyAsync(request, options.MaxBodyBytes, context.RequestAborted);
        string? model = null;
        int? bodyPriority = null;
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        if (capable.JsonOnly || mediaType is null || mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal))
        {
            using var document = RequestBody.ParseObject(body);
            var root = document.RootElement;
            model = Model(root, capable.ModelRequired);
            if (root.TryGetProperty("priority", out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var value)) bodyPriority = value;
            if (capable.Streams) body = WithoutStreaming(root);
        }
        var headerPriority = request.Headers["X-Priority"].ToString();
        // The job queue's order; a priority the endpoint refuses is left for the replay to refuse with the endpoint's error.
        var priority = bodyPriority is >= 0 and <= 9 ? bodyPriority.Value
            : int.TryParse(headerPriority, out var h) && h is >= 0 and <= 9 ? h : 0;
        var job = new NewJob(ApiKeyAuthentication.Identity(context), key, Digest(request, body), priority, model, request.Method,
            request.Path.Value ?? "/", request.QueryString.Value ?? "", request.ContentType, headerPriority.Length > 0 ? headerPriority : null, body);
        var clock = services.GetRequiredService<TimeProvider>();
        var (stored, created) = services.GetRequiredService<JobStore>().Submit(job, options.MaxQueuedPerCaller, clock.GetUtcNow());
        if (created) services.GetRequiredService<JobRunner>().Wake();
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.Headers.Location = JobEndpoints.Location(stored.Id);
        context.Response.Headers["Preference-Applied"] = "respond-async";
        await context.Response.WriteAsJsonAsync(JobView.From(stored, withResult: true), JobJsonContext.Plain.JobView, cancellationToken: context.RequestAborted);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared && declared > limit) throw BoundedBodyStream.TooLarge(limit, BytesSetting);
        // The bound is this setting, not Kestrel's 30 MB default; it is enforced as bytes arrive.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = null;
        using var copy = new MemoryStream();
        await new BoundedBodyStream(request.Body, limit, BytesSetting).CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }

    // As the endpoints check it: a model they require must be a non-blank string.
    private static string? Model(JsonElement root, bool required)
    {
        var given = root.TryGetProperty("model", out var m) ? m : default;
        if (given.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.String) && required)
            throw new InvalidRequestException("model", "must be a string");
        var model = given.ValueKind == JsonValueKind.String ? given.GetString() : null;
        if (required && string.IsNullOrWhiteSpace(model)) throw new InvalidRequestException("model", "is required");
        return string.IsNullOrWhiteSpace(model) ? null : model;
    }

    // A job's result is one JSON body: the request is stored with "stream": false, every other property as it came.
    private static byte[] WithoutStreaming(JsonElement root)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in root.EnumerateObject().Where(p => p.Name != "stream")) property.WriteTo(writer);
            writer.WriteBoolean("stream", false);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static string Digest(HttpRequest request, byte[] body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString} {request.ContentType}\n"));
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
