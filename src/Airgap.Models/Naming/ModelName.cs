using System.Text.RegularExpressions;

namespace Airgap.Models.Naming;

/// <summary>A model's name as <c>family:tag</c> (e.g. <c>llama3.2:3b</c>), lower-case; the tag defaults to <c>latest</c>.</summary>
public readonly partial record struct ModelName(string Family, string Tag)
{
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex Part();

    /// <summary>Parses <c>family[:tag]</c>; null with a reason when malformed.</summary>
    public static bool TryParse(string? text, out ModelName name, out string error)
    {
        name = default;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "model name is empty";
            return false;
        }
        var lower = text.Trim().ToLowerInvariant();
        var colon = lower.IndexOf(':');
        var family = colon < 0 ? lower : lower[..colon];
        var tag = colon < 0 ? "latest" : lower[(colon + 1)..];
        if (!Part().IsMatch(family) || !Part().IsMatch(tag))
        {
            error = $"model name '{text}' must be family:tag, each of letters, digits, '.', '_' or '-'";
            return false;
        }
        name = new ModelName(family, tag);
        return true;
    }

    /// <summary>Parses or throws <see cref="ArgumentException"/>.</summary>
    public static ModelName Parse(string text) =>
        TryParse(text, out var name, out var error) ? name : throw new ArgumentException(error);

    public override string ToString() => $"{Family}:{Tag}";
}
