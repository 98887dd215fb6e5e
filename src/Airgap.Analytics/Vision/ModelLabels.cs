using System.Text.RegularExpressions;

namespace Airgap.Analytics.Vision;

/// <summary>
/// Class names from an ONNX model's metadata: Ultralytics exports write `names` as a Python dict,
/// `{0: 'person', 1: 'bicycle'}`; a JSON list `["person", "bicycle"]` is read too. None: labels are class numbers.
/// </summary>
public static partial class ModelLabels
{
    public static IReadOnlyList<string> From(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue("names", out var names) || string.IsNullOrWhiteSpace(names)) return [];
        var entries = Entry().Matches(names).Select(m => (Index: int.Parse(m.Groups[1].Value), Name: m.Groups[3].Value)).ToList();
        if (entries.Count > 0)
            return entries.Select((e, i) => e.Index == i ? e.Name : throw new ArgumentException($"model metadata 'names' skips class {i}")).ToList();
        var list = Item().Matches(names).Select(m => m.Groups[2].Value).ToList();
        return list;
    }

    [GeneratedRegex("""(\d+)\s*:\s*(['"])(.*?)\2""")]
    private static partial Regex Entry();

    [GeneratedRegex("""(['"])(.*?)\1""")]
    private static partial Regex Item();
}
