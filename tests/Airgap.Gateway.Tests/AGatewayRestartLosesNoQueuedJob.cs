using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Airgap.Server.Jobs;

namespace Airgap.Gateway.Tests;

public sealed class AGatewayRestartLosesNoQueuedJob
{
    private const int Jobs = 1000;

    [Fact]
    public async Task A_thousand_asynchronous_requests_queued_with_no_worker_all_complete_once_after_a_gateway_restart()
    {
        using var nats = await NatsServer.StartAsync();
        await using var site = await GatewaySite.StartAsync(nats, server: o => o with { Jobs = new JobOptions { Parallel = 16, MaxQueuedPerCaller = Jobs } });
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Jobs), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancellationToken) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/generate")
            {
                Content = JsonContent.Create(new { model = GatewaySite.Model, prompt = $"batch record {i}", options = new { num_predict = 1 } }),
            };
            request.Headers.Add("Prefer", "respond-async");
            using var response = await site.Client.SendAsync(request, cancellationToken);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            ids.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.GetProperty("id").GetString()!);
        });
        Assert.Equal(Jobs, ids.Distinct().Count());

        await site.StopGatewayAsync();
        await site.StartGatewayAsync();
        await site.StartWorkerAsync(parallel: 4);

        await GatewayClient.EventuallyAsync(async () => await CountAsync(site, "queued") + await CountAsync(site, "running") == 0, "every job to finish", TimeSpan.FromMinutes(4));
        var statuses = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, cancellationToken) =>
        {
            var job = JsonDocument.Parse(await site.Client.GetStringAsync($"/v1/jobs/{id}", cancellationToken)).RootElement;
            statuses.Add(job.GetProperty("status").GetString()!);
            if (job.GetProperty("status").GetString() == "done") Assert.True(job.GetProperty("result").GetProperty("done").GetBoolean());
        });
        Assert.Equal(Jobs, statuses.Count(s => s == "done"));
    }

    private static async Task<int> CountAsync(GatewaySite site, string status) =>
        JsonDocument.Parse(await site.Client.GetStringAsync($"/v1/jobs?status={status}&limit=1")).RootElement.GetProperty("data").GetArrayLength();
}
