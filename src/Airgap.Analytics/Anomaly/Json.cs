using System.Text.Json;
using System.Text.Json.Nodes;

namespace Airgap.Analytics.Anomaly;

/// <summary>Reading and writing the numbers of a stored detector, every malformed value an InvalidDataException naming it.</summary>
internal static class Json
{
    public static JsonArray Array(IEnumerable<double> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    public static double[] Doubles(JsonNode? parent, string name, int? length)
    {
        var node = parent is JsonObject o ? o[name] : parent;
        if (node is not JsonArray array) throw new InvalidDataException($"detector state: {name} is not a list of numbers");
        var values = new double[array.Count];
        for (var i = 0; i < values.Length; i++)
            values[i] = array[i] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && double.IsFinite(v.GetValue<double>())
                ? v.GetValue<double>() : throw new InvalidDataException($"detector state: {name}[{i}] is not a finite number");
        if (length is { } n && values.Length != n) throw new InvalidDataException($"detector state: {name} has {values.Length} values, not {n}");
        return values;
    }

    public static double Positive(JsonObject parent, string name) =>
        parent[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.GetValue<double>() is var d && double.IsFinite(d) && d > 0
            ? d : throw new InvalidDataException($"detector state: {name} must be a number above 0");
}
