using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Airgap.Analytics.Vision.Reading;

/// <summary>
/// When a predicted reading or warning counts as the true one: the rules of the display set's score.py, ported so that
/// both give the same figures (norm_text, norm_unit, to_float, decimals, name_ok, value_ok, warn_match).
/// </summary>
public static partial class DisplayMatchRules
{
    // Python's \s in a str pattern also takes the separators U+001C–U+001F that .NET's \s leaves out.
    private const string Space = @"\s\x1C-\x1F";

    /// <summary>score.py's UNIT_ALIASES: spellings of one unit mapped to the one the comparison uses.</summary>
    public static readonly IReadOnlyDictionary<string, string> UnitAliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["c"] = "°c", ["degc"] = "°c", ["deg.c"] = "°c", ["celsius"] = "°c", ["*c"] = "°c", ["oc"] = "°c",
        ["f"] = "°f", ["degf"] = "°f",
        ["us/cm"] = "μs/cm", ["micros/cm"] = "μs/cm",
        ["lpm"] = "l/min", ["ltr/min"] = "l/min",
        ["m^3/h"] = "m3/h", ["cbm/h"] = "m3/h",
        ["p/m3"] = "/m3", ["pcs/m3"] = "/m3", ["counts/m3"] = "/m3", ["cts/m3"] = "/m3", ["#/m3"] = "/m3", ["particles/m3"] = "/m3",
        ["1/m3"] = "/m3", ["count/m3"] = "/m3",
        ["rh%"] = "%rh", ["%r.h"] = "%rh", ["%r.h."] = "%rh", ["rh"] = "%rh",
        ["ph"] = "",
        ["1/min"] = "rpm", ["min-1"] = "rpm", ["u/min"] = "rpm", ["r/min"] = "rpm",
        ["mm/sec"] = "mm/s", ["sec"] = "s", ["hrs"] = "h", ["hours"] = "h", ["hr"] = "h",
        ["psig"] = "psi", ["amps"] = "a", ["volt"] = "v", ["volts"] = "v",
    };

    /// <summary>norm_text: NFKC, one dash, lower case, no leading bullets or trailing punctuation, single spaces.</summary>
    public static string NormText(string? s)
    {
        s = Lower(Dashes(Nfkc(s ?? "")));
        s = LeadingBullets().Replace(s, "");
        s = TrailingPunctuation().Replace(s, "");
        return Spaces().Replace(s, " ").Trim(' ');
    }

    /// <summary>norm_unit: the spelling-free form of a unit (°C, degC and C alike; µS/cm and uS/cm; pH and nothing).</summary>
    public static string NormUnit(string? u)
    {
        u = (u ?? "").Replace('º', '°').Replace('˚', '°');
        u = Lower(Dashes(Nfkc(u)));
        u = Spaces().Replace(u, "").Replace("^3", "3").Replace("^2", "2");
        if (u.StartsWith("deg", StringComparison.Ordinal) && !UnitAliases.ContainsKey(u)) u = "°" + u[3..];
        return UnitAliases.GetValueOrDefault(u, u);
    }

    /// <summary>to_float on text: "1,5" and "1.5" alike, spaces ignored, anything but a plain decimal number is null.</summary>
    public static double? ToFloat(string? text)
    {
        if (text is null) return null;
        var s = Dashes(Nfkc(text)).Replace(" ", "").Trim();
        if (s.Contains(',') && !s.Contains('.')) s = s.Replace(',', '.');
        if (!PlainNumber().IsMatch(s)) return null;
        var ascii = new StringBuilder(s.Length);
        foreach (var c in s) ascii.Append(char.IsDigit(c) ? (char)('0' + CharUnicodeInfo.GetDecimalDigitValue(c)) : c);
        return double.Parse(ascii.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>decimals: the digits after the point in what the display shows, or in Python's repr of the value when nothing is shown.</summary>
    public static int Decimals(string? shown, double value, bool valueIsInteger)
    {
        if (shown is null)
        {
            if (valueIsInteger) return 0;
            var r = PythonFloat.Repr(value);
            return r.Contains('.') && !r.EndsWith(".0", StringComparison.Ordinal) ? AfterFirstPoint(r).Length : 0;
        }
        return shown.Contains('.') ? AfterFirstPoint(shown).Length : 0;
    }

    /// <summary>name_ok: the normalised name equals the truth's or an alias, or is ≥ 0.8 similar with the same digits; a nameless truth takes any name.</summary>
    public static bool NameMatches(string? predicted, string? truthName, IReadOnlyList<string> aliases)
    {
        if (NormText(truthName) == "") return true;
        var p = NormText(predicted);
        if (p == "") return false;
        foreach (var candidate in aliases.Prepend(truthName))
        {
            var c = NormText(candidate);
            if (c == "") continue;
            if (c == p) return true;
            // Fuzzy, but numbers inside names must agree: "Zone 1 Temp" is not "Zone 2 Temp".
            if (Numbers(c).SequenceEqual(Numbers(p)) && SequenceSimilarity.Ratio(c, p) >= 0.8) return true;
        }
        return false;
    }

    /// <summary>value_ok: within 0.5 % of the true value, or equal to it once rounded to the decimals shown.</summary>
    public static bool ValueMatches(double? predicted, double truth, int decimals)
    {
        if (predicted is not { } p) return false;
        if (Math.Abs(p - truth) <= 0.005 * Math.Abs(truth) + 1e-12) return true;
        return Math.Abs(PythonFloat.Round(p, decimals) - truth) < Math.Pow(10, -decimals - 3);
    }

    /// <summary>Units equal after norm_unit.</summary>
    public static bool UnitMatches(string? predicted, string? truth) => NormUnit(predicted) == NormUnit(truth);

    /// <summary>warn_match: the normalised true text is inside the predicted one, or the two are ≥ 0.8 similar.</summary>
    public static bool WarningMatches(string? predicted, string? truth)
    {
        var p = NormText(predicted);
        var t = NormText(truth);
        if (p == "" || t == "") return false;
        return p.Contains(t, StringComparison.Ordinal) || SequenceSimilarity.Ratio(t, p) >= 0.8;
    }

    private static string AfterFirstPoint(string s)
    {
        var rest = s[(s.IndexOf('.') + 1)..];
        var next = rest.IndexOf('.');
        return next < 0 ? rest : rest[..next];
    }

    private static IEnumerable<string> Numbers(string s) => Digits().Matches(s).Select(m => m.Value);

    private static string Nfkc(string s) => s.Normalize(NormalizationForm.FormKC);

    private static string Dashes(string s)
    {
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (chars[i] is >= '\u2010' and <= '\u2015' or '\u2212') chars[i] = '-';
        return new string(chars);
    }

    // Python's str.lower() maps İ to i + combining dot; .NET's invariant lower case to a plain i.
    private static string Lower(string s) => s.Replace("\u0130", "i\u0307", StringComparison.Ordinal).ToLowerInvariant();

    [GeneratedRegex("^[" + Space + @"⚠▲△●•*!>:\-]+")]
    private static partial Regex LeadingBullets();

    [GeneratedRegex("[" + Space + ":;,.!]+$")]
    private static partial Regex TrailingPunctuation();

    [GeneratedRegex("[" + Space + "]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"\A[+-]?(\d+(\.\d*)?|\.\d+)\z")]
    private static partial Regex PlainNumber();
}
