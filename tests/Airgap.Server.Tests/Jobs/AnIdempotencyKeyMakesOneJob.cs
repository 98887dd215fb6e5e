using System.Net;
using Airgap.Server.Jobs;

namespace Airgap.Server.Tests.Jobs;

public sealed class AnIdempotencyKeyMakesOneJob
{
    private const string Generate = """{"model":"tiny:test","prompt":"Hi","options":{"num_predict":4}}""";

    [Fact]
    public async Task The_same_key_answers_202_with_the_same_id_and_Location_and_stores_no_second_job()
    {
        await using var server = await JobServer.StartAsync(new JobOptions { Parallel = 0 });

        var (first, firstHeaders, one) = await JobServer.PostAsync(server.Client, "/api/generate", Generate, headers: ("Idempotency-Key", "order-17"));
        var (again, againHeaders, two) = await JobServer.PostAsync(server.Client, "/api/generate", Generate, headers: ("Idempotency-Key", "order-17"));
        var (other, _, three) = await JobServer.PostAsync(server.Client, "/api/generate", Generate, headers: ("Idempotency-Key", "order-18"));
        var (_, list) = await JobServer.GetAsync(server.Client, "/v1/jobs");

        Assert.Equal(HttpStatusCode.Accepted, first);
        Assert.Equal(HttpStatusCode.Accepted, again);
        Assert.Equal(HttpStatusCode.Accepted, other);
        Assert.Equal(one.GetProperty("id").GetString(), two.GetProperty("id").GetString());
        Assert.Equal(firstHeaders.Location, againHeaders.Location);
        Assert.NotEqual(one.GetProperty("id").GetString(), three.GetProperty("id").GetString());
        Assert.Equal(2, list.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task A_key_used_again_for_a_different_request_is_refused_with_422_and_stores_nothing()
    {
        await using var server = await JobServer.StartAsync(new JobOptions { Parallel = 0 });
        var (_, _, one) = await JobServer.PostAsync(server.Client, "/v1/completions", """{"model":"tiny:test","prompt":"Hi"}""", headers: ("Idempotency-Key", "k1"));

        var (status, _, error) = await JobServer.PostAsync(server.Client, "/v1/completions", """{"model":"tiny:test","prompt":"Bye"}""", headers: ("Idempotency-Key", "k1"));
        var (_, list) = await JobServer.GetAsync(server.Client, "/v1/jobs");

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal("idempotency_key_reused", error.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains(one.GetProperty("id").GetString()!, error.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(1, list.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task The_same_key_finds_the_finished_job_too()
    {
        await using var server = await JobServer.StartAsync();
        var (_, _, one) = await JobServer.PostAsync(server.Client, "/api/generate", Generate, headers: ("Idempotency-Key", "once"));
        var id = one.GetProperty("id").GetString()!;
        await JobServer.FinishedAsync(server.Client, id);

        var (status, _, again) = await JobServer.PostAsync(server.Client, "/api/generate", Generate, headers: ("Idempotency-Key", "once"));

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(id, again.GetProperty("id").GetString());
        Assert.Equal(JobStatus.Done, again.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_key_too_long_or_empty_is_a_400_naming_the_header_and_nothing_is_queued(bool async)
    {
        await using var server = await JobServer.StartAsync(new JobOptions { Parallel = 0 });
        const string body = """{"model":"tiny:test","prompt":"Hi","stream":false,"options":{"num_predict":4}}""";

        var (tooLong, _, longBody) = await JobServer.PostAsync(server.Client, "/api/generate", body, async, ("Idempotency-Key", new string('k', 256)));
        var (empty, _, _) = await JobServer.PostAsync(server.Client, "/api/generate", body, async, ("Idempotency-Key", ""));
        var (_, list) = await JobServer.GetAsync(server.Client, "/v1/jobs");

        Assert.Equal(HttpStatusCode.BadRequest, tooLong);
        Assert.Equal("Idempotency-Key: must be one value of 1 to 255 printable ASCII characters", longBody.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, empty);
        Assert.Equal(0, list.GetProperty("data").GetArrayLength());
    }
}
