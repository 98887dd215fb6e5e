using System.Buffers;
using System.Text.Json;
using Airgap.Analytics;
using Airgap.Analytics.Anomaly;
using Airgap.Server.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace Airgap.Server.Hosting;

/// <summary>
/// Anomaly detection over MQTT (setting Analytics:MqttBroker): alerts are published to Analytics:MqttAlertTopic as
/// they are raised or cleared, and messages on Analytics:MqttTelemetryTopic/DETECTOR feed that detector's stream as
/// POST /v1/telemetry/{detector} does. Reconnects on its own; a broken message is logged and dropped.
/// </summary>
internal sealed partial class MqttBridge(AnalyticsOptions options, AlertBroadcaster alerts, TelemetryIngest ingest, DetectorRegistry detectors,
    ILogger<MqttBridge> logger) : BackgroundService
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var (host, port) = Broker(options.MqttBroker!);
        var factory = new MqttClientFactory();
        using var client = factory.CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            Telemetry(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload);
            return Task.CompletedTask;
        };
        var forwarding = ForwardAlertsAsync(client, stoppingToken);
        var connection = new MqttClientOptionsBuilder().WithTcpServer(host, port).WithClientId($"airgap-{Environment.MachineName}-{Environment.ProcessId}").Build();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!client.IsConnected)
                {
                    await client.ConnectAsync(connection, stoppingToken);
                    var granted = await client.SubscribeAsync(factory.CreateSubscribeOptionsBuilder().WithTopicFilter($"{options.MqttTelemetryTopic}/+").Build(), stoppingToken);
                    // Connected but not subscribed would look healthy and hear nothing: start over instead.
                    if (granted.Items.Any(i => (int)i.ResultCode > 2))
                        throw new InvalidOperationException($"the broker refused the subscription to {options.MqttTelemetryTopic}/+ ({granted.Items.First().ResultCode})");
                    LogConnected(host, port, options.MqttTelemetryTopic, options.MqttAlertTopic);
                }
                await Task.Delay(Retry, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogUnreachable(host, port, e.Message);
                if (client.IsConnected) await client.DisconnectAsync(cancellationToken: CancellationToken.None);
                await Task.Delay(Retry, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await forwarding.ContinueWith(_ => { }, CancellationToken.None);
        if (client.IsConnected) await client.DisconnectAsync();
    }

    private async Task ForwardAlertsAsync(IMqttClient client, CancellationToken stoppingToken)
    {
        await foreach (var alert in alerts.Subscribe(stoppingToken))
        {
            var payload = JsonSerializer.SerializeToUtf8Bytes(AlertMessage.From(alert), AnomalyJsonContext.Plain.AlertMessage);
            try
            {
                if (!client.IsConnected) throw new InvalidOperationException("not connected");
                await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(options.MqttAlertTopic).WithPayload(payload).Build(), stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogAlertLost(alert.Detector, alert.State, e.Message);
            }
        }
    }

    private void Telemetry(string topic, ReadOnlySequence<byte> payload)
    {
        var segment = topic[(options.MqttTelemetryTopic.Length + 1)..];
        try
        {
            // A plain detector name only: NAME@VERSION would score with an old version and reset the live stream.
            var detector = Airgap.Models.Naming.ModelName.TryParse(segment, out var name, out var error) ? name.ToString() : throw new ArgumentException(error);
            var (_, file) = detectors.Load(detector);
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            // {"rows": [...]}, or one reading alone: an object by feature or a list in feature order.
            var rows = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("rows", out var list)
                ? AnomalyRowsReader.FromJson(list, file.Features)
                : AnomalyRowsReader.FromJson(JsonDocument.Parse($"[{root.GetRawText()}]").RootElement, file.Features);
            ingest.Ingest(detector, rows);
        }
        catch (Exception e)
        {
            LogBadTelemetry(topic, e.Message);
        }
    }

    /// <summary>HOST and PORT from mqtt://HOST:PORT or HOST:PORT (1883 when no port is given).</summary>
    internal static (string Host, int Port) Broker(string text)
    {
        var value = text.Trim();
        if (value.StartsWith("mqtt://", StringComparison.OrdinalIgnoreCase)) value = value[7..];
        var colon = value.LastIndexOf(':');
        if (colon < 0) return (value, 1883);
        return int.TryParse(value[(colon + 1)..], out var port) && port is > 0 and < 65536 && colon > 0
            ? (value[..colon], port)
            : throw new ArgumentException($"Analytics:MqttBroker '{text}' is not mqtt://HOST:PORT");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT: connected to {Host}:{Port}; telemetry from {TelemetryTopic}/+, alerts to {AlertTopic}")]
    private partial void LogConnected(string host, int port, string telemetryTopic, string alertTopic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT: broker {Host}:{Port} unreachable ({Reason}); retrying")]
    private partial void LogUnreachable(string host, int port, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT: alert {State} of {Detector} not published: {Reason}")]
    private partial void LogAlertLost(string detector, string state, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT: telemetry on {Topic} dropped: {Reason}")]
    private partial void LogBadTelemetry(string topic, string reason);
}
