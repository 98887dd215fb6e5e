using System.Net;
using System.Net.Http.Json;

namespace Airgap.Gateway.Tests;

public sealed class NatsWithALogin
{
    [Fact]
    public async Task Gateway_and_worker_log_in_to_a_nats_server_that_refuses_anonymous_clients()
    {
        using var nats = await NatsServer.StartAsync(1, password: "plant-7-secret");
        await using var site = await GatewaySite.StartAsync(nats, o => o with { NatsUser = "airgap", NatsPassword = "plant-7-secret" });
        await site.StartWorkerAsync();
        await site.WaitForWorkersAsync(1);

        var response = await site.Client.PostAsJsonAsync("/api/generate", new { model = GatewaySite.Model, prompt = "hi", stream = false, options = new { num_predict = 3 } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void A_credentials_file_that_is_not_there_is_refused_in_one_line()
    {
        var error = Assert.Throws<ArgumentException>(() => NatsAddresses.ConnectionOptions(
            new GatewayOptions { Nats = "nats://127.0.0.1:4222", NatsCredsFile = "/nonexistent/plant.creds" }, "airgap-worker",
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));

        Assert.Equal("/nonexistent/plant.creds: no such file (settings Gateway:NatsCredsFile, Gateway:NatsCaFile)", error.Message);
    }
}
