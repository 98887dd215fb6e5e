using System.Text.RegularExpressions;

namespace Airgap.Analytics.Vision.Reading;

/// <summary>
/// Units of measure as displays show them, and the ways PP-OCR misreads them (℃, "C, m/h for m³/h, uS/cm): a word
/// is a unit when it normalises to one of these, and the reading reports the unit's canonical spelling.
/// </summary>
public static partial class UnitLexicon
{
    private static readonly string[] Canonical =
    [
        "°C", "°F", "K", "bar", "mbar", "kPa", "MPa", "Pa", "hPa", "psi", "psig", "inH2O", "mmH2O", "mmHg", "Torr",
        "l/min", "l/h", "l/s", "m³/h", "m³/min", "m³", "kg/h", "kg/s", "t/h", "g/s", "g/min", "kg", "g", "t", "lb",
        "rpm", "%", "%RH", "% RH", "A", "mA", "V", "mV", "kV", "W", "kW", "MW", "kWh", "MWh", "kVA", "kvar", "N", "kN", "Nm", "Hz", "kHz",
        "mm", "cm", "m", "µm", "mm/s", "m/s", "m/min", "km/h", "s", "ms", "min", "h", "pH", "µS/cm", "mS/cm", "ppm", "ppb",
        "NTU", "/m³", "mg/l", "g/l", "dB", "dBA", "lux", "cP", "mPa·s", "mm²/s", "°", "Ω", "kΩ", "MΩ", "cos φ", "U/min", "1/min",
        "Nm³/h", "m³/s", "MHz", "lb/h", "gal", "bar(g)", "barg", "%LEL", "% LEL", "%O2", "vol%", "mg/m³", "µg/m³", "/min", "pcs", "pcs/h", "cycles/min",
    ];

    private static readonly Dictionary<string, string> Known = Build();

    // Keyed letters (lower case, µ as u) the recogniser confuses in small text.
    private static readonly string[] LookAlikes = ["oc", "uj", "il", "rt"];

    /// <summary>The canonical unit <paramref name="word"/> stands for, or null when it is not a unit.</summary>
    public static string? Normalize(string word)
    {
        var key = Key(word);
        var unit = key.Length == 0 ? null : Known.GetValueOrDefault(key) ?? Known.GetValueOrDefault(key.TrimEnd('.'));
        // A lone letter whose two cases look different must have the unit's case: T is not tonnes, M not metres.
        return word.Trim().Trim('(', ')', '[', ']', '.') is [var letter] && unit is [var canonical] && letter != canonical && char.ToLowerInvariant(letter) is 'a' or 'g' or 'h' or 'm' or 'n' or 't'
            ? null : unit;
    }

    /// <summary>
    /// The unit a word misspells ("mms" for mm/s, "uS/crn" for µS/cm): the one unit nearest by edit distance, a lost
    /// slash, dot or degree ring only for a word of up to four characters and two letters for a longer one, never a unit of
    /// fewer than three characters (too many short words are one edit from "mA" or "kW"). Null when none or a tie.
    /// For a word the layout already places as a unit (hard against a number, smaller); anywhere else a word must
    /// spell its unit exactly (<see cref="Normalize"/>).
    /// </summary>
    public static string? Nearest(string word)
    {
        if (Normalize(word) is { } exact) return exact;
        var key = Key(word);
        if (key.Length < 3) return null;
        // Half steps: a short word may only have lost a thin sign; a longer one may be two letters off.
        var limit = key.Length <= 4 ? 1 : 4;
        string? best = null;
        var bestDistance = int.MaxValue;
        var tie = false;
        foreach (var (known, unit) in Known)
        {
            if (known.Length < 3 || Math.Abs(known.Length - key.Length) > Math.Max(1, limit / 2)) continue;
            var distance = EditDistance(key, known);
            if (distance > limit || distance > bestDistance) continue;
            if (distance == bestDistance) tie |= unit != best;
            else (best, bestDistance, tie) = (unit, distance, false);
        }
        return tie ? null : best;
    }

    /// <summary>
    /// Edit distance in half steps: a character added, dropped or changed costs 2; a slash, dot, percent sign or degree
    /// ring (an o once keyed) added or dropped costs 1: the recogniser loses thin signs first, so "mms" is nearer mm/s.
    /// A letter changed for its look-alike costs 1 too, so "jS/om" is µS/cm rather than mS/cm.
    /// </summary>
    private static int EditDistance(string a, string b)
    {
        static int Change(char x, char y) => x == y ? 0 : LookAlikes.Any(pair => pair.Contains(x) && pair.Contains(y)) ? 1 : 2;
        static int Cost(char c) => c is '/' or '.' or 'o' or '%' ? 1 : 2;
        var row = new int[b.Length + 1];
        for (var j = 1; j <= b.Length; j++) row[j] = row[j - 1] + Cost(b[j - 1]);
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] += Cost(a[i - 1]);
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + Cost(a[i - 1]), row[j - 1] + Cost(b[j - 1])), diagonal + Change(a[i - 1], b[j - 1]));
                diagonal = above;
            }
        }
        return row[b.Length];
    }

    private static Dictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var unit in Canonical) map.TryAdd(Key(unit), unit.Replace("% ", "%"));
        // What PP-OCR's Chinese+English dictionary writes for what the display shows.
        (string Read, string Unit)[] misreadings =
        [
            ("℃", "°C"), ("°℃", "°C"), (".c", "°C"), (",c", "°C"), ("°c", "°C"), ("oc", "°C"), ("degc", "°C"), ("c", "°C"), ("ºc", "°C"),
            ("℉", "°F"), ("degf", "°F"),
            ("m/h", "m³/h"), ("3m3/h", "m³/h"), ("3m/h", "m³/h"), ("m33/h", "m³/h"), ("m3/h", "m³/h"), ("m^3/h", "m³/h"), ("m²/h", "m³/h"), ("m'h", "m³/h"), ("m'/h", "m³/h"), ("m3/min", "m³/min"), ("nm3/h", "Nm³/h"), ("m3", "m³"), ("/m3", "/m³"),
            ("us/cm", "µS/cm"), ("μs/cm", "µS/cm"), ("ms/cm", "mS/cm"), ("um", "µm"), ("μm", "µm"), ("mg/m3", "mg/m³"), ("ug/m3", "µg/m³"),
            ("%o", "%"), ("%0", "%"), ("%rh", "%RH"), ("arh", "%RH"), ("rh%", "%RH"), ("%r.h.", "%RH"), ("lpm", "l/min"), ("l/m", "l/min"), ("1/min", "1/min"), ("u/min", "U/min"),
            ("kpa", "kPa"), ("mpa", "MPa"), ("hpa", "hPa"), ("pa", "Pa"), ("ph", "pH"), ("ohm", "Ω"), ("deg", "°"),
        ];
        foreach (var (read, unit) in misreadings) map[Key(read)] = unit;
        return map;
    }

    /// <summary>Case, spaces and look-alike characters unified; brackets around a unit dropped ("(°C)", "[bar]").</summary>
    private static string Key(string word)
    {
        var s = word.Trim().Trim('(', ')', '[', ']', ',', ';', ':').Replace("º", "°").Replace("˚", "°").Replace("μ", "µ").Replace("³", "3").Replace("²", "2");
        s = Spaces().Replace(s, "");
        s = s.ToLowerInvariant().Replace("µ", "u").Replace("°", "o").Replace("℃", "oc").Replace("℉", "of");
        // A small degree ring comes back as quotes, a backtick or an asterisk, one or several.
        return DegreeLookalikes().Replace(s, "o$1");
    }

    [GeneratedRegex(@"^['""`*]+([cf])$")]
    private static partial Regex DegreeLookalikes();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
