using System.Net;
using System.Text.Json;
using Airgap.Server.Jobs;

namespace Airgap.Server.Tests.Jobs;

public sealed class AnAsyncRequestIsAnsweredAtOnceAndRunsAsTheSyncOne
{
    private static readonly string Chat = $$$"""{"model":"{{{JobServer.Model}}}","messages":[{"role":"user","content":"Hello"}],"options":{"temperature":0,"num_predict":8}}""";

    [Fact]
    public async Task Prefer_respond_async_answers_202_with_the_job_and_its_Location_and_the_job_ends_with_the_sync_body()
    {
        await using var server = await JobServer.StartAsync();

        var (status, headers, job) = await JobServer.PostAsync(server.Client, "/api/chat", Chat);

        Assert.Equal(HttpStatusCode.Accepted, status);
        var id = job.GetProperty("id").GetString()!;
        Assert.StartsWith("job_", id);
        Assert.Equal($"/v1/jobs/{id}", headers.Location!.OriginalString);
        Assert.Equal("respond-async", Assert.Single(headers.GetValues("Preference-Applied")));
        Assert.Equal(JobServer.Model, job.GetProperty("model").GetString());
        Assert.Equal("/api/chat", job.GetProperty("path").GetString());
        Assert.Contains(job.GetProperty("status").GetString(), new[] { JobStatus.Queued, JobStatus.Running });

        var done = await JobServer.FinishedAsync(server.Client, id);
        var (syncStatus, _, sync) = await JobServer.PostAsync(server.Client, "/api/chat", Chat.Replace("}],", "}],\"stream\":false,", StringComparison.Ordinal), async: false);

        Assert.Equal(JobStatus.Done, done.GetProperty("status").GetString());
        Assert.False(done.TryGetProperty("error_status", out _));
        Assert.True(done.GetProperty("started").GetInt64() >= done.GetProperty("created").GetInt64());
        Assert.True(done.GetProperty("finished").GetInt64() >= done.GetProperty("started").GetInt64());
        Assert.Equal(HttpStatusCode.OK, syncStatus);
        // Ollama streams by default; the job ran with stream false, so its result is the one object a sync call with stream false gets.
        var result = done.GetProperty("result");
        Assert.Equal(Names(sync), Names(result));
        Assert.True(result.GetProperty("done").GetBoolean());
        Assert.Equal(sync.GetProperty("message").GetProperty("content").GetString(), result.GetProperty("message").GetProperty("content").GetString());
    }

    [Theory]
    [InlineData("/v1/chat/completions", """{"model":"tiny:test","messages":[{"role":"user","content":"Hi"}],"max_tokens":4,"stream":true}""")]
    [InlineData("/v1/completions", """{"model":"tiny:test","prompt":"Hi","max_tokens":4}""")]
    [InlineData("/api/generate", """{"model":"tiny:test","prompt":"Hi","options":{"num_predict":4}}""")]
    [InlineData("/api/embed", """{"model":"tiny:test","input":["a pump","a valve"]}""")]
    [InlineData("/v1/embeddings", """{"model":"tiny:test","input":"a pump"}""")]
    public async Task Generation_and_embedding_jobs_end_with_the_body_shape_of_the_sync_call(string path, string json)
    {
        await using var server = await JobServer.StartAsync();

        var (status, _, job) = await JobServer.PostAsync(server.Client, path, json);
        var done = await JobServer.FinishedAsync(server.Client, job.GetProperty("id").GetString()!);
        var (_, _, sync) = await JobServer.PostAsync(server.Client, path, Unstreamed(json), async: false);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(JobStatus.Done, done.GetProperty("status").GetString());
        Assert.Equal(Names(sync), Names(done.GetProperty("result")));
    }

    [Theory]
    [InlineData("/v1/classify", """{"text":"pump 3 bearing is overheating","categories":["mechanical","electrical"],"examples":[{"text":"motor bearing hot","label":"mechanical"}]}""")]
    [InlineData("/v1/logs/analyze", """{"entries":["2026-01-01 10:00:01 ERROR pump 3 overheated","2026-01-01 10:00:02 INFO pump 3 restarted"]}""")]
    public async Task Task_jobs_end_with_the_body_shape_of_the_sync_call_and_no_model_when_the_request_names_none(string path, string json)
    {
        await using var server = await JobServer.StartAsync();

        var (status, _, job) = await JobServer.PostAsync(server.Client, path, json);
        var done = await JobServer.FinishedAsync(server.Client, job.GetProperty("id").GetString()!);
        var (_, _, sync) = await JobServer.PostAsync(server.Client, path, json, async: false);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(JsonValueKind.Null, job.GetProperty("model").ValueKind);
        Assert.Equal(JobStatus.Done, done.GetProperty("status").GetString());
        Assert.Equal(Names(sync), Names(done.GetProperty("result")));
    }

    [Fact]
    public async Task Without_Prefer_nothing_changes_and_Prefer_on_a_route_that_cannot_run_as_a_job_is_ignored()
    {
        await using var server = await JobServer.StartAsync();

        var (plain, _, body) = await JobServer.PostAsync(server.Client, "/api/chat", Chat.Replace("}],", "}],\"stream\":false,", StringComparison.Ordinal), async: false);
        var (show, headers, shown) = await JobServer.PostAsync(server.Client, "/api/show", $$"""{"model":"{{JobServer.Model}}"}""");
        var (_, jobs) = await JobServer.GetAsync(server.Client, "/v1/jobs");

        Assert.Equal(HttpStatusCode.OK, plain);
        Assert.True(body.GetProperty("done").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, show);
        Assert.False(headers.Contains("Preference-Applied"));
        Assert.True(shown.TryGetProperty("capabilities", out _));
        Assert.Equal(0, jobs.GetProperty("data").GetArrayLength());
    }

    // The sync call a job stands for: with "stream": false (embedding endpoints ignore the field).
    private static string Unstreamed(string json) =>
        json.Contains("\"stream\":true", StringComparison.Ordinal) ? json.Replace("\"stream\":true", "\"stream\":false", StringComparison.Ordinal) : "{\"stream\":false," + json[1..];

    private static IReadOnlyList<string> Names(JsonElement body) =>
        body.EnumerateObject().Select(p => p.Name).Where(n => n is not ("created_at" or "id" or "created")).Order().ToList();
}
