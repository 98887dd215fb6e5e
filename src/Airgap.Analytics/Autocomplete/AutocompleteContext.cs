using System.Globalization;
using System.Text;
using System.Text.Json;
using Airgap.Inference.Errors;

namespace Airgap.Analytics.Autocomplete;

/// <summary>
/// A free-form context (sample_type, equipment, previous_step, …) in two canonical forms: <see cref="Key"/>, compact
/// JSON with keys sorted, the same for every spelling of one context (exact matches); and <see cref="Text"/>, one
/// "path: value" line per leaf in that order, what the embedding model reads (similar contexts).
/// </summary>
public sealed record AutocompleteContext(string Key, string Text)
{
    /// <summary>The empty context: suggestions for a parameter regardless of circumstances.</summary>
    public static AutocompleteContext Empty { get; } = new("{}", "{}");

    /// <summary>Reads <paramref name="context"/> (an object, or absent), refusing one deeper or longer than the settings allow.</summary>
    public static AutocompleteContext From(JsonElement? context, AnalyticsOptions options, string field = "context")
    {
        if (context is not { } root || root.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return Empty;
        if (root.ValueKind != JsonValueKind.Object) throw new InvalidRequestException(field, "must be a JSON object");
        var key = new StringBuilder();
        var text = new StringBuilder();
        Write(root, "", 1, key, text, options, field);
        if (key.Length > options.MaxTextLength)
            throw new InvalidRequestException(field, $"is {key.Length} characters as JSON, longer than the {options.MaxTextLength} allowed (setting Analytics:MaxTextLength)");
        // An empty object has no lines; the embedding model still needs something to read.
        return new AutocompleteContext(key.ToString(), text.Length == 0 ? key.ToString() : text.ToString().TrimEnd('\n'));
    }

    private static void Write(JsonElement node, string path, int depth, StringBuilder key, StringBuilder text, AnalyticsOptions options, string field)
    {
        // Checked as the walk goes, so a hostile nesting costs no more than the bound before it is refused.
        if (key.Length > options.MaxTextLength)
            throw new InvalidRequestException(field, $"is longer than the {options.MaxTextLength} characters allowed as JSON (setting Analytics:MaxTextLength)");
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                if (depth > options.MaxContextDepth)
                    throw new InvalidRequestException(field, $"nests deeper than the {options.MaxContextDepth} levels allowed (setting Analytics:MaxContextDepth)");
                key.Append('{');
                var first = true;
                foreach (var property in node.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (!first) key.Append(',');
                    first = false;
                    key.Append(JsonSerializer.Serialize(property.Name, AnalyticsJsonContext.Plain.String)).Append(':');
                    Write(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", depth + 1, key, text, options, field);
                }
                key.Append('}');
                break;
            case JsonValueKind.Array:
                if (depth > options.MaxContextDepth)
                    throw new InvalidRequestException(field, $"nests deeper than the {options.MaxContextDepth} levels allowed (setting Analytics:MaxContextDepth)");
                key.Append('[');
                var index = 0;
                foreach (var item in node.EnumerateArray())
                {
                    if (index > 0) key.Append(',');
                    Write(item, $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]", depth + 1, key, text, options, field);
                    index++;
                }
                key.Append(']');
                break;
            case JsonValueKind.String:
                key.Append(JsonSerializer.Serialize(node.GetString(), AnalyticsJsonContext.Plain.String));
                text.Append(path).Append(": ").Append(node.GetString()).Append('\n');
                break;
            default:
                // Numbers keep the spelling they were sent in: 7 and 7.0 are different settings on many instruments.
                key.Append(node.GetRawText());
                text.Append(path).Append(": ").Append(node.GetRawText()).Append('\n');
                break;
        }
    }
}
