using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Airgap.Analytics;

/// <summary>Source-generated JSON for what the assistants build themselves (schemas for the model, stored contexts).</summary>
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(string))]
internal sealed partial class AnalyticsJsonContext : JsonSerializerContext;
