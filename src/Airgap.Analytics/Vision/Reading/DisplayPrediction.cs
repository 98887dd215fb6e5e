using System.Text.Json;

namespace Airgap.Analytics.Vision.Reading;

/// <summary>One predicted reading as the scorer sees it: name, number (null when it is no number), unit, and as score.py's details print it.</summary>
public sealed record PredictedValue(string Name, double? Value, string Unit, string Described);

/// <summary>What a reader predicted for one image: readings and warnings.</summary>
public sealed record DisplayPrediction(IReadOnlyList<PredictedValue> Values, IReadOnlyList<string> Warnings)
{
    /// <summary>Nothing found.</summary>
    public static readonly DisplayPrediction Empty = new([], []);

    /// <summary>The display reader's own result.</summary>
    public static DisplayPrediction From(DisplayReading reading) => new(
        reading.Values.Select(v => new PredictedValue(v.Name, v.Value, v.Unit, $"{v.Name}={PythonFloat.Str(JsonSerializer.Serialize(v.Value), v.Value)} {v.Unit}")).ToList(),
        reading.Warnings.ToList());

    /// <summary>
    /// A prediction file as score.py's load_pred reads it: null when it is not JSON (scored as missing), empty when it is
    /// no object; values that are no objects and warnings that are no strings are dropped, a lone warning string is a list.
    /// </summary>
    public static DisplayPrediction? Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Empty;
            var values = root.TryGetProperty("values", out var vs) && vs.ValueKind == JsonValueKind.Array
                ? vs.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Object).Select(Value).ToList()
                : [];
            var warnings = !root.TryGetProperty("warnings", out var ws) ? []
                : ws.ValueKind == JsonValueKind.String ? [ws.GetString()!]
                : ws.ValueKind == JsonValueKind.Array ? ws.EnumerateArray().Where(w => w.ValueKind == JsonValueKind.String).Select(w => w.GetString()!).ToList()
                : new List<string>();
            return new DisplayPrediction(values, warnings);
        }
    }

    private static PredictedValue Value(JsonElement v)
    {
        var value = v.TryGetProperty("value", out var p) ? p : default;
        // to_float: numbers are numbers, text is parsed, true/false and everything else is no number.
        var number = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDouble(out var d) ? d : (double?)null,
            JsonValueKind.String => DisplayMatchRules.ToFloat(value.GetString()),
            _ => null,
        };
        var described = $"{Str(v, "name")}={Str(v, "value")} {Str(v, "unit")}";
        return new PredictedValue(Field(v, "name"), number, Field(v, "unit"), described);
    }

    // Python's str(d.get(name)) for what json.load gives: None for nothing, True/False, an int as written, a float's repr.
    private static string Str(JsonElement o, string name) => !o.TryGetProperty(name, out var p) ? "None" : p.ValueKind switch
    {
        JsonValueKind.Number => PythonFloat.Str(p.GetRawText(), p.GetDouble()),
        JsonValueKind.String => p.GetString()!,
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.Null => "None",
        _ => p.GetRawText(),
    };

    private static string Field(JsonElement o, string name) => o.TryGetProperty(name, out var p) ? DisplayTruthSet.Text(p) : "";
}
