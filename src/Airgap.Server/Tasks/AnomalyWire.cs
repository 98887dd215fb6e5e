using System.Text.Json;
using System.Text.Json.Serialization;

namespace Airgap.Server.Tasks;

/// <summary>POST /v1/anomaly/detectors: a detector's definition.</summary>
public sealed record CreateDetectorRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("features")] IReadOnlyList<string?>? Features,
    [property: JsonPropertyName("algorithm")] string? Algorithm,
    [property: JsonPropertyName("params")] Dictionary<string, JsonElement>? Params);

/// <summary>Rows to train on or score: objects by feature name, or lists in feature order.</summary>
public sealed record AnomalyRowsRequest([property: JsonPropertyName("rows")] JsonElement? Rows);

/// <summary>A detector: its definition, its active version and every version in the registry.</summary>
public sealed record DetectorResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("features")] IReadOnlyList<string> Features,
    [property: JsonPropertyName("algorithm")] string Algorithm,
    [property: JsonPropertyName("params")] IReadOnlyDictionary<string, string> Params,
    [property: JsonPropertyName("created")] DateTimeOffset Created,
    [property: JsonPropertyName("active_version")] string? ActiveVersion,
    [property: JsonPropertyName("versions")] IReadOnlyList<DetectorVersion> Versions);

/// <summary>One trained version, as the registry holds it.</summary>
public sealed record DetectorVersion(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("digest")] string Digest,
    [property: JsonPropertyName("validated_at")] DateTimeOffset ValidatedAt,
    [property: JsonPropertyName("active")] bool Active);

/// <summary>GET /v1/anomaly/detectors.</summary>
public sealed record DetectorListResponse([property: JsonPropertyName("detectors")] IReadOnlyList<DetectorResponse> Detectors);

/// <summary>What a training made: the new version, active.</summary>
public sealed record TrainResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("digest")] string Digest,
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("active")] bool Active);

/// <summary>One scored row.</summary>
public sealed record ScoredRow(
    [property: JsonPropertyName("row")] int Row,
    [property: JsonPropertyName("is_anomaly")] bool IsAnomaly,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("contributions")] IReadOnlyDictionary<string, double> Contributions)
{
    /// <summary>Row <paramref name="row"/> (from 1) as <paramref name="detector"/> scored it.</summary>
    public static ScoredRow From(int row, Analytics.Anomaly.AnomalyScore score, Analytics.Anomaly.DetectorFile detector) =>
        new(row, score.IsAnomaly, score.Score, score.Threshold, detector.ContributionsByFeature(score));
}

/// <summary>The scores of a request's rows, in order, and the version that scored them.</summary>
public sealed record ScoreResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("results")] IReadOnlyList<ScoredRow> Results);

/// <summary>What a telemetry post did: each reading's score, and the alerts it raised or cleared.</summary>
public sealed record TelemetryResponse(
    [property: JsonPropertyName("detector")] string Detector,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("results")] IReadOnlyList<ScoredRow> Results,
    [property: JsonPropertyName("alerts")] IReadOnlyList<AlertMessage> Alerts);

/// <summary>An alert as SSE and MQTT send it.</summary>
public sealed record AlertMessage(
    [property: JsonPropertyName("detector")] string Detector,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("reading")] long Reading,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("contributions")] IReadOnlyDictionary<string, double> Contributions)
{
    public static AlertMessage From(Analytics.Anomaly.AnomalyAlert a) => new(a.Detector, a.Version, a.State, a.Reading, a.At, a.Score, a.Threshold, a.Contributions);
}

/// <summary>POST /v1/anomaly/detectors/{name}/retrain: how many recent normal readings, and the false-alarm margin.</summary>
public sealed record RetrainRequest(
    [property: JsonPropertyName("window")] int? Window,
    [property: JsonPropertyName("margin")] double? Margin);

/// <summary>What a retraining did: the new version, whether it is active, and why.</summary>
public sealed record RetrainResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("activated")] bool Activated,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("trained_on")] int TrainedOn,
    [property: JsonPropertyName("held_out")] int HeldOut,
    [property: JsonPropertyName("false_alarm_rate")] double FalseAlarmRate,
    [property: JsonPropertyName("active_false_alarm_rate")] double ActiveFalseAlarmRate,
    [property: JsonPropertyName("active_version")] string ActiveVersion);

[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(CreateDetectorRequest))]
[JsonSerializable(typeof(AnomalyRowsRequest))]
[JsonSerializable(typeof(DetectorResponse))]
[JsonSerializable(typeof(DetectorListResponse))]
[JsonSerializable(typeof(TrainResponse))]
[JsonSerializable(typeof(ScoreResponse))]
[JsonSerializable(typeof(TelemetryResponse))]
[JsonSerializable(typeof(RetrainRequest))]
[JsonSerializable(typeof(RetrainResponse))]
[JsonSerializable(typeof(AlertMessage))]
internal sealed partial class AnomalyJsonContext : JsonSerializerContext
{
    public static AnomalyJsonContext Plain { get; } = new(Wire.PlainJson.Options());
}
