using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Airgap.Inference.Errors;

namespace Airgap.Server.Wire;

/// <summary>Ollama's keep_alive: a duration string ("5m", "1h30m", "-1") or a number of seconds; negative keeps forever.</summary>
public static partial class KeepAlive
{
    [GeneratedRegex(@"^(-)?((?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+)$")]
    private static partial Regex Duration();

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)")]
    private static partial Regex Part();

    public static TimeSpan? Parse(JsonElement? value)
    {
        if (value is not { } v || v.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return null;
        if (v.ValueKind == JsonValueKind.Number) return Seconds(v.GetDouble());
        if (v.ValueKind != JsonValueKind.String) throw new InvalidRequestException("keep_alive", "must be a duration string or a number of seconds");
        var text = v.GetString()!.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)) return Seconds(seconds);
        var match = Duration().Match(text);
        if (!match.Success) throw new InvalidRequestException("keep_alive", $"'{text}' is not a duration such as 5m, 1h or -1");
        var total = Part().Matches(match.Groups[2].Value).Sum(p => double.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture) * p.Groups[2].Value switch
        {
            "h" => 3600, "m" => 60, "s" => 1, "ms" => 1e-3, "us" or "µs" => 1e-6, _ => 1e-9,
        });
        return Seconds(match.Groups[1].Success ? -total : total);
    }

    private static TimeSpan Seconds(double seconds) => seconds < 0 ? TimeSpan.FromSeconds(-1) : TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2));
}
