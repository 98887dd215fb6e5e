using System.Net;
using System.Text.Json;
using Airgap.Server.Jobs;

namespace Airgap.Server.Tests.Jobs;

public sealed class AFailingRequestEndsAsAFailedJob
{
    [Theory]
    [InlineData("/api/chat", """{"model":"no-such:model","messages":[{"role":"user","content":"Hi"}]}""")]
    [InlineData("/v1/chat/completions", """{"model":"no-such:model","messages":[{"role":"user","content":"Hi"}]}""")]
    public async Task An_unknown_model_fails_the_job_with_the_sync_404_body_and_its_status(string path, string json)
    {
        await using var server = await JobServer.StartAsync();

        var (accepted, _, job) = await JobServer.PostAsync(server.Client, path, json);
        var failed = await JobServer.FinishedAsync(server.Client, job.GetProperty("id").GetString()!);
        var (syncStatus, _, sync) = await JobServer.PostAsync(server.Client, path, json, async: false);

        Assert.Equal(HttpStatusCode.Accepted, accepted);
        Assert.Equal(HttpStatusCode.NotFound, syncStatus);
        Assert.Equal(JobStatus.Failed, failed.GetProperty("status").GetString());
        Assert.Equal(404, failed.GetProperty("error_status").GetInt32());
        Assert.Equal(sync.GetRawText(), failed.GetProperty("result").GetRawText());
    }

    [Theory]
    [InlineData("/api/generate", """{"model":"tiny:test","prompt":""", "body: is not valid JSON")]
    [InlineData("/v1/chat/completions", """{"messages":[{"role":"user","content":"Hi"}]}""", "model: is required")]
    [InlineData("/api/embed", """null""", "body: must be a JSON object, not null")]
    [InlineData("/v1/classify", """[1, 2]""", "body: must be an object")]
    public async Task Malformed_JSON_or_a_missing_model_is_refused_at_once_as_the_sync_call_refuses_it_and_stores_no_job(string path, string json, string message)
    {
        await using var server = await JobServer.StartAsync();

        var (status, headers, error) = await JobServer.PostAsync(server.Client, path, json);
        var (syncStatus, _, sync) = await JobServer.PostAsync(server.Client, path, json, async: false);
        var (_, list) = await JobServer.GetAsync(server.Client, "/v1/jobs");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(HttpStatusCode.BadRequest, syncStatus);
        Assert.Equal(sync.GetRawText(), error.GetRawText());
        Assert.StartsWith(message, Message(error));
        Assert.False(headers.Contains("Preference-Applied"));
        Assert.Equal(0, list.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task A_body_over_Jobs_MaxBodyBytes_is_refused_with_413_naming_the_setting()
    {
        await using var server = await JobServer.StartAsync(new JobOptions { MaxBodyBytes = 100 });

        var (status, _, error) = await JobServer.PostAsync(server.Client, "/api/generate",
            $$"""{"model":"tiny:test","prompt":"{{new string('x', 200)}}"}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("Jobs:MaxBodyBytes", Message(error));
    }

    private static string Message(JsonElement error) =>
        error.GetProperty("error") is { ValueKind: JsonValueKind.Object } openAi ? openAi.GetProperty("message").GetString()! : error.GetProperty("error").GetString()!;
}
