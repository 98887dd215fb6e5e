using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Airgap.Analytics.Vision.Reading;

/// <summary>
/// What a vision-language model is asked about a display, and the JSON schema that holds its answer to the reader's
/// own object (values with name, value, unit and shown; active warnings). The inference layer compiles the schema to a
/// grammar, so whatever the model samples parses; the bounds keep a complete answer within <see cref="MaxOutputTokens"/>.
/// </summary>
internal static class DisplayReadingPrompt
{
    /// <summary>Most readings the model may list; a display with more is reconciled on the first ones.</summary>
    public const int MaxValues = 24;

    /// <summary>Most warnings the model may list.</summary>
    public const int MaxWarnings = 8;

    /// <summary>Longest answer the model may give.</summary>
    public const int MaxOutputTokens = 2048;

    private const int MaxName = 40;
    private const int MaxUnit = 12;
    private const int MaxShown = 16;
    private const int MaxWarning = 80;

    // Expected names beyond this many only lengthen the prompt; the profile still renames what the model reads.
    private const int MaxExpectedNames = 40;

    private const string Instructions =
        "You read equipment displays in an industrial plant: HMI screens, panel meters, seven-segment and LCD readouts, " +
        "alarm lists. List every reading the display shows: name is its label as written, value the number, unit its unit " +
        "as shown (empty when none), shown the digits exactly as displayed. Do not list clocks, dates, tag numbers, scale " +
        "ticks or limits. warnings are the active alarms, faults and warnings only, as written; cleared or acknowledged-and-" +
        "normal rows, events and texts such as \"No active alarms\" are not warnings. Answer in JSON only.";

    /// <summary>The JSON schema of an answer.</summary>
    public static JsonElement Schema { get; } = JsonDocument.Parse($$"""
        {
          "type": "object",
          "properties": {
            "values": {
              "type": "array",
              "maxItems": {{MaxValues}},
              "items": {
                "type": "object",
                "properties": {
                  "name": { "type": "string", "maxLength": {{MaxName}} },
                  "value": { "type": "number" },
                  "unit": { "type": "string", "maxLength": {{MaxUnit}} },
                  "shown": { "type": "string", "maxLength": {{MaxShown}} }
                },
                "required": ["name", "value", "unit", "shown"],
                "additionalProperties": false
              }
            },
            "warnings": {
              "type": "array",
              "maxItems": {{MaxWarnings}},
              "items": { "type": "string", "minLength": 1, "maxLength": {{MaxWarning}} }
            }
          },
          "required": ["values", "warnings"],
          "additionalProperties": false
        }
        """).RootElement.Clone();

    /// <summary>The response format that constrains the model to <see cref="Schema"/>.</summary>
    public static ChatResponseFormat Format { get; } = ChatResponseFormat.ForJsonSchema(Schema, "display_reading");

    /// <summary>The conversation that shows the model the display (PNG bytes) and asks for its readings.</summary>
    public static IList<ChatMessage> Messages(byte[] png, DisplayProfile? profile)
    {
        var question = new StringBuilder("Read this display.");
        if (profile is { Parameters.Count: > 0 })
        {
            question.Append(" It is expected to show: ");
            question.AppendJoin(", ", profile.Parameters.Take(MaxExpectedNames)
                .Select(p => string.IsNullOrEmpty(p.Unit) ? p.Name : $"{p.Name} ({p.Unit})"));
            question.Append('.');
        }
        return
        [
            new ChatMessage(ChatRole.System, Instructions),
            new ChatMessage(ChatRole.User, [new DataContent(png, "image/png"), new TextContent(question.ToString())]),
        ];
    }

    /// <summary>
    /// The model's answer as values and warnings, or null when it is not one (cut off, not the schema's shape). Values
    /// without a name or outside what a double holds are left out; boxes are empty (the model says nothing of where).
    /// </summary>
    public static (List<DisplayValue> Values, List<string> Warnings)? Read(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Array
                || !root.TryGetProperty("warnings", out var warnings) || warnings.ValueKind != JsonValueKind.Array)
                return null;
            var read = new List<DisplayValue>();
            foreach (var v in values.EnumerateArray().Take(MaxValues))
            {
                if (v.ValueKind != JsonValueKind.Object) return null;
                var name = Text(v, "name")?.Trim();
                if (string.IsNullOrEmpty(name)) continue;
                if (!v.TryGetProperty("value", out var number) || number.ValueKind != JsonValueKind.Number
                    || !number.TryGetDouble(out var value) || !double.IsFinite(value))
                    continue;
                var shown = Text(v, "shown")?.Trim();
                read.Add(new DisplayValue(name, value, Text(v, "unit")?.Trim() ?? "",
                    string.IsNullOrEmpty(shown) ? value.ToString(CultureInfo.InvariantCulture) : shown, 0, []));
            }
            var said = warnings.EnumerateArray().Take(MaxWarnings)
                .Where(w => w.ValueKind == JsonValueKind.String)
                .Select(w => w.GetString()!.Trim())
                .Where(w => w.Length > 0)
                .ToList();
            return (read, said);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
