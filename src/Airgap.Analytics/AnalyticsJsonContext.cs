using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Airgap.Analytics;

/// <summary>Source-generated JSON for what the assistants build themselves (schemas for the model, stored contexts).</summary>
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(string))]
internal sealed partial class AnalyticsJsonContext : JsonSerializerContext
{
    /// <summary>Text as it was sent (an apostrophe stays one character), so lengths in refusals are the caller's.</summary>
    public static AnalyticsJsonContext Plain { get; } = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
