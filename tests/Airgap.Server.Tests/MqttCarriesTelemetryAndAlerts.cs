using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using MQTTnet;

namespace Airgap.Server.Tests;

public sealed class MqttCarriesTelemetryAndAlerts
{
    private static string Rows(int count, int seed, double pressureShift)
    {
        var random = new Random(seed);
        return "{\"rows\": [" + string.Join(",", Enumerable.Range(0, count).Select(_ =>
        {
            var flow = 30 + random.NextDouble() * 4;
            return string.Create(CultureInfo.InvariantCulture, $"[{flow}, {0.1 * flow + random.NextDouble() * 0.02 + pressureShift}, {0.03 * flow + random.NextDouble() * 0.006}]");
        })) + "]}";
    }

    [Fact]
    public async Task Telemetry_published_on_a_topic_raises_an_alert_that_a_subscriber_receives()
    {
        using var broker = await MosquittoBroker.StartAsync();
        await using var server = await AssistantServer.StartAsync(o => o with { MqttBroker = broker.Address });
        await server.PostAsync("/v1/anomaly/detectors",
            """{"name": "pump-3", "features": ["flow", "pressure", "current"], "params": {"decision_window": 1, "input_window": 1, "limit_factor": 2}}""");
        await server.PostAsync("/v1/anomaly/detectors/pump-3/train", Rows(300, 1, 0));

        var factory = new MqttClientFactory();
        using var subscriber = factory.CreateMqttClient();
        var received = Channel.CreateUnbounded<string>();
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            received.Writer.TryWrite(e.ApplicationMessage.ConvertPayloadToString());
            return Task.CompletedTask;
        };
        await subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).Build());
        await subscriber.SubscribeAsync(factory.CreateSubscribeOptionsBuilder().WithTopicFilter("airgap/alerts").Build());

        // The server connects to the broker on its own time: publish until its alert comes back.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? alert = null;
        while (alert is null)
        {
            await subscriber.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("airgap/telemetry/pump-3")
                .WithPayload(Encoding.UTF8.GetBytes(Rows(3, 2, 0.5))).Build(), timeout.Token);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
            wait.CancelAfter(TimeSpan.FromMilliseconds(500));
            try
            {
                alert = await received.Reader.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!timeout.IsCancellationRequested)
            {
            }
        }

        using var message = JsonDocument.Parse(alert);
        Assert.Equal(("pump-3:latest", "raised"), (message.RootElement.GetProperty("detector").GetString(), message.RootElement.GetProperty("state").GetString()));
        Assert.True(message.RootElement.GetProperty("contributions").GetProperty("pressure").GetDouble() > 0.5);

        // Readings that came over MQTT were stored like any other: a single reading as a bare list works too.
        await subscriber.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("airgap/telemetry/pump-3").WithPayload("[32, 3.21, 0.963]").Build());
        var cleared = await received.Reader.ReadAsync(timeout.Token);
        Assert.Contains("\"state\":\"cleared\"", cleared);
    }
}
