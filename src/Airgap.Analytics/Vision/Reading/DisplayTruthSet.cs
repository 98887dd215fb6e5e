using System.Text.Json;

namespace Airgap.Analytics.Vision.Reading;

/// <summary>One true reading: the label shown (or "" when none is), other labels for it, the number (and as Python prints it), its unit, the digits as shown.</summary>
public sealed record DisplayTruthValue(string Name, IReadOnlyList<string> Aliases, double Value, string ValueText, string Unit, string? Shown, int Decimals);

/// <summary>One image of a truth set: its file name, its kind (hmi, segment, photo, status …), true readings and active warnings.</summary>
public sealed record DisplayTruthImage(string Image, string Kind, IReadOnlyList<DisplayTruthValue> Values, IReadOnlyList<string> Warnings);

/// <summary>
/// A folder of display images with truth JSON beside them, as the display set's score.py reads it: the images listed
/// in index.json when there is one, else every *.json in the folder that names an "image".
/// </summary>
public sealed record DisplayTruthSet(string Directory, IReadOnlyList<DisplayTruthImage> Images)
{
    /// <summary>Largest truth or index file read; a display's truth is a few KiB.</summary>
    public const long MaxFileBytes = 4 << 20;

    /// <summary>Loads the set; ArgumentException for a missing folder or one without truth, InvalidDataException for a malformed file.</summary>
    public static DisplayTruthSet Load(string directory)
    {
        if (!System.IO.Directory.Exists(directory)) throw new ArgumentException($"{directory}: no such directory");
        var index = Path.Combine(directory, "index.json");
        var images = File.Exists(index) ? FromIndex(directory, index) : FromFolder(directory);
        if (images.Count == 0)
            throw new ArgumentException($"{directory}: no truth files (index.json, or *.json with an \"image\" field)");
        return new DisplayTruthSet(directory, images);
    }

    /// <summary>Reads one truth object, in the schema of the set's README.</summary>
    public static DisplayTruthImage Parse(JsonElement truth, string image, string? kind, string source)
    {
        if (truth.ValueKind != JsonValueKind.Object) throw Bad(source, "is not a JSON object");
        var values = Array(truth, "values", source).Select(v => Value(v, source)).ToList();
        var warnings = Array(truth, "warnings", source).Select(w => w.ValueKind == JsonValueKind.String ? w.GetString()! : Text(w)).ToList();
        kind ??= truth.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : "unknown";
        return new DisplayTruthImage(image, kind, values, warnings);
    }

    private static List<DisplayTruthImage> FromIndex(string directory, string index)
    {
        using var document = Read(index);
        if (!document.RootElement.TryGetProperty("images", out var items) || items.ValueKind != JsonValueKind.Array)
            throw Bad(index, "has no \"images\" list");
        var images = new List<DisplayTruthImage>();
        foreach (var item in items.EnumerateArray())
        {
            var image = String(item, "image", index) ?? throw Bad(index, "lists an entry without \"image\"");
            var truthFile = String(item, "truth", index) ?? throw Bad(index, $"lists {image} without \"truth\"");
            var path = Path.Combine(directory, truthFile);
            using var truth = Read(path);
            images.Add(Parse(truth.RootElement, image, String(item, "kind", index), path));
        }
        return images;
    }

    private static List<DisplayTruthImage> FromFolder(string directory)
    {
        var images = new List<DisplayTruthImage>();
        foreach (var path in System.IO.Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            using var truth = Read(path);
            if (truth.RootElement.ValueKind == JsonValueKind.Object && String(truth.RootElement, "image", path) is { } image)
                images.Add(Parse(truth.RootElement, image, null, path));
        }
        return images;
    }

    private static DisplayTruthValue Value(JsonElement v, string source)
    {
        if (v.ValueKind != JsonValueKind.Object) throw Bad(source, "has a value that is not an object");
        if (!v.TryGetProperty("value", out var number) || number.ValueKind != JsonValueKind.Number || !number.TryGetDouble(out var value))
            throw Bad(source, "has a value without a numeric \"value\"");
        var raw = number.GetRawText();
        var isInteger = raw.IndexOfAny(['.', 'e', 'E']) < 0;
        var aliases = v.TryGetProperty("aliases", out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Select(Text).ToList()
            : [];
        var shown = v.TryGetProperty("shown", out var s) && s.ValueKind is not JsonValueKind.Null ? Text(s) : null;
        return new DisplayTruthValue(Text(v, "name"), aliases, value, PythonFloat.Str(raw, value), Text(v, "unit"), shown, DisplayMatchRules.Decimals(shown, value, isInteger));
    }

    private static IEnumerable<JsonElement> Array(JsonElement o, string name, string source) =>
        o.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray()
            : throw Bad(source, $"has no \"{name}\" list");

    private static string? String(JsonElement o, string name, string source) =>
        o.ValueKind != JsonValueKind.Object || !o.TryGetProperty(name, out var p) || p.ValueKind == JsonValueKind.Null ? null
        : p.ValueKind == JsonValueKind.String ? p.GetString()
        : throw Bad(source, $"has a \"{name}\" that is not a string");

    private static string Text(JsonElement o, string name) => o.TryGetProperty(name, out var p) ? Text(p) : "";

    /// <summary>A JSON field as the text Python's str(x or "") gives for the usual cases: strings as they are, numbers as written, nothing as "".</summary>
    internal static string Text(JsonElement p) => p.ValueKind switch
    {
        JsonValueKind.String => p.GetString()!,
        JsonValueKind.Number => p.TryGetDouble(out var d) && d == 0 ? "" : p.GetRawText(),
        JsonValueKind.True => "True",
        _ => "",
    };

    private static JsonDocument Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.Length > MaxFileBytes) throw Bad(path, $"is {stream.Length} bytes, more than {MaxFileBytes}");
        try
        {
            return JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw Bad(path, $"is not valid JSON: {e.Message}");
        }
    }

    private static InvalidDataException Bad(string path, string what) => new($"{path}: {what}");
}
