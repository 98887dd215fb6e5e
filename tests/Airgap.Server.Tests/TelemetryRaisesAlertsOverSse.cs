using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Airgap.Server.Tests;

public sealed class TelemetryRaisesAlertsOverSse
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

    private static async Task<(string Event, string Data)> NextEvent(StreamReader reader, CancellationToken cancellationToken)
    {
        string? name = null, data = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
            else if (line.Length == 0 && data is not null) return (name ?? "message", data);
        }
        throw new EndOfStreamException("the alert stream ended");
    }

    [Fact]
    public async Task A_sustained_shift_raises_one_alert_then_clears_and_sse_listeners_receive_both()
    {
        await using var server = await AssistantServer.StartAsync();
        await server.PostAsync("/v1/anomaly/detectors",
            """{"name": "pump-3", "features": ["flow", "pressure", "current"], "params": {"decision_window": 5, "input_window": 1, "limit_factor": 2}}""");
        await server.PostAsync("/v1/anomaly/detectors/pump-3/train", Rows(300, 1, 0));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await server.Client.GetAsync("/v1/alerts/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        Assert.Equal("ready", (await NextEvent(reader, timeout.Token)).Event);

        var (status, calm) = await server.PostAsync("/v1/telemetry/pump-3", Rows(50, 2, 0));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(calm.GetProperty("alerts").EnumerateArray());
        var (_, shifted) = await server.PostAsync("/v1/telemetry/pump-3", Rows(30, 3, 0.5));
        var (_, recovered) = await server.PostAsync("/v1/telemetry/pump-3", Rows(30, 4, 0));

        var raised = Assert.Single(shifted.GetProperty("alerts").EnumerateArray());
        Assert.Equal("raised", raised.GetProperty("state").GetString());
        Assert.InRange(raised.GetProperty("reading").GetInt64(), 51, 56);
        Assert.Equal("cleared", Assert.Single(recovered.GetProperty("alerts").EnumerateArray()).GetProperty("state").GetString());

        var first = await NextEvent(reader, timeout.Token);
        var second = await NextEvent(reader, timeout.Token);
        Assert.Equal(("alert", "alert"), (first.Event, second.Event));
        using var alert = JsonDocument.Parse(first.Data);
        Assert.Equal(("pump-3:latest", "raised", "1.0.0"), (alert.RootElement.GetProperty("detector").GetString(),
            alert.RootElement.GetProperty("state").GetString(), alert.RootElement.GetProperty("version").GetString()));
        Assert.True(alert.RootElement.GetProperty("contributions").GetProperty("pressure").GetDouble() > 0.5);
        Assert.Contains("\"state\":\"cleared\"", second.Data);
    }

    [Fact]
    public async Task Telemetry_for_an_unknown_or_untrained_detector_or_with_bad_rows_is_refused()
    {
        await using var server = await AssistantServer.StartAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await server.PostAsync("/v1/telemetry/nobody", Rows(1, 1, 0))).Status);
        await server.PostAsync("/v1/anomaly/detectors", """{"name": "pump-3", "features": ["flow", "pressure", "current"]}""");
        Assert.Contains("has not been trained", (await server.PostAsync("/v1/telemetry/pump-3", Rows(1, 1, 0))).Body.GetProperty("error").GetProperty("message").GetString());
        await server.PostAsync("/v1/anomaly/detectors/pump-3/train", Rows(100, 1, 0));
        var (status, body) = await server.PostAsync("/v1/telemetry/pump-3", """{"rows": [[1, 2]]}""");
        Assert.Equal((HttpStatusCode.BadRequest, "rows[0]"), (status, body.GetProperty("error").GetProperty("param").GetString()));
    }
}
