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
        if (v.ValueKind == JsonValueKind.Number)
            return v.TryGetDouble(out var number) ? Seconds(number) : throw new InvalidRequestException("keep_alive", "is not a number of seconds this server can represent");
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

    // Go's time.Duration, which Ollama parses keep_alive into, ends at about 292 years; beyond it Ollama refuses too,
    // and here an expiry that far out would overflow the clock.
    private const double MaxSeconds = 2_562_047.0 * 3600;

    private static TimeSpan Seconds(double seconds) => seconds switch
    {
        < 0 => TimeSpan.FromSeconds(-1),
        > MaxSeconds or double.NaN => throw new InvalidRequestException("keep_alive", "must be at most 2562047h (about 292 years); use -1 to keep the model loaded"),
        _ => TimeSpan.FromSeconds(seconds),
    };
}
