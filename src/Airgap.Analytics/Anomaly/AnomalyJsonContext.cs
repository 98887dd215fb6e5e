using System.Text.Json.Serialization;

namespace Airgap.Analytics.Anomaly;

[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class AnomalyJsonContext : JsonSerializerContext;
