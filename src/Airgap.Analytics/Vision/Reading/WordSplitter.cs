using System.Globalization;
using System.Text.RegularExpressions;
using Airgap.Analytics.Vision.Ocr;

namespace Airgap.Analytics.Vision.Reading;

/// <summary>
/// Splits OCR lines into classified words: at spaces, and at gaps wider than a character where the recogniser dropped
/// the space; a number keeps a unit glued to it ("1546kN"); clocks, dates, tags and codes are set apart.
/// </summary>
public static partial class WordSplitter
{
    public static IReadOnlyList<DisplayWord> Split(IReadOnlyList<OcrText> lines)
    {
        var words = new List<DisplayWord>();
        for (var l = 0; l < lines.Count; l++) words.AddRange(Split(lines[l], l));
        return JoinDecimals(words);
    }

    /// <summary>A number the detector cut at its decimal point ("183" and ".6") is one number again.</summary>
    private static List<DisplayWord> JoinDecimals(List<DisplayWord> words)
    {
        foreach (var fraction in words.Where(w => w.Kind == WordKind.Number && w.Shown.Length > 1 && w.Shown[0] is '.' or ',').ToList())
        {
            var whole = words.FirstOrDefault(w => w != fraction && w.Kind == WordKind.Number && w.Unit.Length == 0 && !w.Shown.Contains('.') && !w.Shown.Contains(',')
                && w.Box.X1 <= fraction.Box.X0 + 0.3f * fraction.Box.Height && fraction.Box.X0 - w.Box.X1 < 0.6f * fraction.Box.Height && w.Box.VerticalOverlap(fraction.Box) > 0.5f);
            if (whole is null) continue;
            var shown = whole.Shown + fraction.Shown;
            words[words.IndexOf(whole)] = fraction with { Text = whole.Text + fraction.Text, Box = whole.Box.Union(fraction.Box), Shown = shown, Value = Parse(shown) ?? fraction.Value, Line = whole.Line };
            words.Remove(fraction);
        }
        return words;
    }

    public static IEnumerable<DisplayWord> Split(OcrText line, int index) => JoinDates(JoinTimes(Words(line, index).ToList()));

    /// <summary>"27 Aug 2023", "3. Mai 2024": a day, a month name and a year are one date, not a reading labelled "27 Aug".</summary>
    private static List<DisplayWord> JoinDates(List<DisplayWord> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (!Month().IsMatch(words[i].Text)) continue;
            var start = i > 0 && words[i - 1].Kind == WordKind.Number && words[i - 1].Value is >= 1 and <= 31 ? i - 1 : i;
            var end = i + 1 < words.Count && words[i + 1].Kind == WordKind.Number && words[i + 1].Value is >= 1900 and <= 2100 ? i + 1 : i;
            if (start == end) continue;
            var box = words.Skip(start).Take(end - start + 1).Select(w => w.Box).Aggregate((a, b) => a.Union(b));
            var date = new DisplayWord(string.Join(' ', words.Skip(start).Take(end - start + 1).Select(w => w.Text)), box, words[i].Confidence, WordKind.Other, words[i].Line) { Angle = words[i].Angle };
            words.RemoveRange(start, end - start + 1);
            words.Insert(start, date);
            i = start;
        }
        return words;
    }

    /// <summary>The recogniser puts spaces into monospaced times and dates ("00:58: 10", "2024-12 -20"): they are one word.</summary>
    private static List<DisplayWord> JoinTimes(List<DisplayWord> words)
    {
        for (var i = 0; i + 1 < words.Count; i++)
        {
            var joined = words[i].Text + words[i + 1].Text;
            if (words[i].Text[^1] is not (':' or '-' or '/' or '.') && words[i + 1].Text[0] is not ('-' or '/' or ':')) continue;
            if (Classify(joined, default, 0, 0).Kind != WordKind.Other) continue;
            words[i] = Classify(joined, words[i].Box.Union(words[i + 1].Box), Math.Min(words[i].Confidence, words[i + 1].Confidence), words[i].Line) with { Angle = words[i].Angle };
            words.RemoveAt(i + 1);
        }
        return words;
    }

    private static IEnumerable<DisplayWord> Words(OcrText line, int index)
    {
        var chars = line.Characters;
        if (chars.Count == 0) yield break;
        var pitch = line.Box.Width / chars.Count;
        var start = -1;
        for (var i = 0; i <= chars.Count; i++)
        {
            var boundary = i == chars.Count || chars[i].Text == " " || (start >= 0 && chars[i].X - chars[i - 1].X > 2.2f * pitch && !IsJoiner(chars[i - 1].Text, chars[i].Text))
                || (start >= 0 && (LabelColon(chars, start, i) || GluedNumber(chars, start, i)));
            if (boundary && start >= 0)
            {
                var text = Spelled(chars, start, i).Replace('：', ':').Trim();
                if (text.Length > 0)
                {
                    float x0 = Math.Max(line.Box.X0, chars[start].X - pitch / 2), x1 = Math.Min(line.Box.X1, chars[i - 1].X + pitch / 2);
                    var half = line.Thickness > 0 ? line.Thickness / 2 : line.Box.Height / 2;
                    var cy = line.CenterYAt((x0 + x1) / 2);
                    var box = new PixelBox(x0, cy - half, x1, cy + half);
                    var confidence = chars.Skip(start).Take(i - start).Average(c => c.Probability);
                    yield return Classify(text, box, confidence, index) with { Angle = line.Angle };
                }
                start = -1;
            }
            if (i < chars.Count && chars[i].Text != " " && start < 0) start = i;
        }
    }

    /// <summary>The characters from <paramref name="start"/> up to <paramref name="end"/> (exclusive) as text.</summary>
    private static string Spelled(IReadOnlyList<OcrCharacter> chars, int start, int end) => string.Concat(chars.Skip(start).Take(end - start).Select(c => c.Text));

    /// <summary>
    /// A number glued to its label by a colon ("BusVoltage:576V", a line "：176°C") starts a word of its own. Not a
    /// clock's colon ("12:30", "15 :19"), nor a tag's ("TT:508": a short word in capitals).
    /// </summary>
    private static bool LabelColon(IReadOnlyList<OcrCharacter> chars, int start, int i)
    {
        if (i >= chars.Count || chars[i - 1].Text is not (":" or "：") || chars[i].Text is not { Length: 1 } next || !(char.IsDigit(next[0]) || next is "-" or "+"))
            return false;
        if (i - 1 == start) return start == 0;
        var before = Spelled(chars, start, i - 1);
        return before.All(char.IsLetter) && (before.Any(char.IsLower) || before.Length >= 5);
    }

    /// <summary>
    /// A decimal number the recogniser glued to the word before it ("Cell37.3", "Druck6,3bar") starts a word of its
    /// own. Only after a word of small letters: tags and formulas ("TT508", "CO2", "Zone1") keep their digits.
    /// </summary>
    private static bool GluedNumber(IReadOnlyList<OcrCharacter> chars, int start, int i)
    {
        if (i >= chars.Count || i - start < 3 || chars[i].Text is not { Length: 1 } digit || !char.IsDigit(digit[0])) return false;
        var before = Spelled(chars, start, i);
        if (!before.All(char.IsLetter) || !char.IsLower(before[^1])) return false;
        var after = chars.Skip(i).TakeWhile(c => c.Text != " ").Select(c => c.Text).ToList();
        // A number further on the line is the reading, and this one part of its label ("Particles0.5µm 4619 /m³").
        return GluedDecimal().IsMatch(string.Concat(after)) && !chars.Skip(i + after.Count).Any(c => c.Text.Any(char.IsDigit));
    }

    /// <summary>A decimal number; one under 1 glued to a word more often names a class than gives a reading ("Particles0.5µm").</summary>
    [GeneratedRegex(@"^[1-9]\d*[.,]\d")]
    private static partial Regex GluedDecimal();

    /// <summary>Classifies one word.</summary>
    public static DisplayWord Classify(string text, PixelBox box, double confidence, int line)
    {
        if (Clock().IsMatch(text) || Date().IsMatch(text))
            return new DisplayWord(text, box, confidence, WordKind.Other, line);
        // "02" is O2 misread, "007" a code: a reading does not start with a zero that is not followed by its decimal point.
        // A scale tick read with its tick mark ("100-", "20–") is the number.
        if (text.Length > 1 && text[^1] is '-' or '–' && char.IsDigit(text[^2]) && Parse(text[..^1]) is { } tick && !text[..^1].Contains('-'))
            return new DisplayWord(text, box, confidence, WordKind.Number, line) { Shown = text[..^1], Value = tick };
        if (text.StartsWith("1/") && UnitLexicon.Normalize(text) is { } perMinute)
            return new DisplayWord(text, box, confidence, WordKind.Unit, line) { Unit = perMinute };
        if (NumberWithUnit().Match(text) is { Success: true } m && !LeadingZero().IsMatch(m.Groups["n"].Value) && Parse(m.Groups["n"].Value) is { } value)
        {
            var suffix = m.Groups["u"].Value;
            // A lit decimal point after the last digit of a meter ("32.245.") ends the number.
            var unit = suffix is "" or "." ? "" : UnitLexicon.Normalize(suffix);
            // A superscript read as a digit in front of its unit ("3m3/h" for m³/h) is the unit alone.
            if (unit is not null && m.Groups["n"].Value is "3" or "2" && suffix.StartsWith('m') && UnitLexicon.Normalize(text) is { } superscripted)
                return new DisplayWord(text, box, confidence, WordKind.Unit, line) { Unit = superscripted };
            // The l of "l/min" or the 1 of "1/min" glued to the number reads as its last digit ("63.71/min" for 63.7 l/min,
            // "8871/min" for 887 1/min); the reading keeps 1/min, which a flow's label makes l/min. A short count per
            // time ("21/min" strokes) is left whole.
            var n = m.Groups["n"].Value;
            if (suffix is "/min" or "/h" or "/s" && n.Length > 2 && n[^1] == '1' && char.IsDigit(n[^2]) && n[..^1].Count(char.IsDigit) >= 2
                && Parse(n[..^1]) is { } rate && UnitLexicon.Normalize((suffix == "/min" ? "1" : "l") + suffix) is { } perTime)
                return new DisplayWord(text, box, confidence, WordKind.Number, line) { Shown = n[..^1].Replace('−', '-'), Value = rate, Unit = perTime };
            if (unit is not null)
                return new DisplayWord(text, box, confidence, WordKind.Number, line) { Shown = n.Replace('−', '-'), Value = value, Unit = unit };
        }
        if (UnitLexicon.Normalize(text) is { } alone && !IsPlainWord(text))
            return new DisplayWord(text, box, confidence, WordKind.Unit, line) { Unit = alone };
        return new DisplayWord(text, box, confidence, WordKind.Text, line);
    }

    /// <summary>Short unit words that are also ordinary words only count as units next to a number (decided by the caller).</summary>
    internal static bool IsPlainWord(string text) => text.Length > 1 && text.All(char.IsLetter) && char.IsUpper(text[0]) && text.Skip(1).All(char.IsLower) && text is not ("Pa" or "Hz" or "Nm");

    private static bool IsJoiner(string before, string after) => before is "." or "," or "-" or "/" || after is "." or "," or "/" or "%" or "°";

    /// <summary>A displayed number: optional sign, digits, one decimal point or comma; thousands separators only as 1,546 or 1 546.</summary>
    public static double? Parse(string shown)
    {
        var s = shown.Replace('−', '-').Replace(" ", "");
        if (ThousandsComma().IsMatch(s)) s = s.Replace(",", "");
        else s = s.Replace(',', '.');
        return double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    [GeneratedRegex(@"^(?<n>[-+−]?(\d+([.,]\d+)?|[.,]\d+))(?<u>[^\d\s].*)?$")]
    private static partial Regex NumberWithUnit();

    [GeneratedRegex(@"^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|jän|mär|mai|okt|dez|janv|févr|fevr|mars|avr|juin|juil|août|aout|déc)[a-zéû]*\.?,?$", RegexOptions.IgnoreCase)]
    private static partial Regex Month();

    [GeneratedRegex(@"^[-+]?0\d")]
    private static partial Regex LeadingZero();

    [GeneratedRegex(@"^\d{1,2}:\d{2}(:\d{2})?([.,]\d+)?(am|pm|AM|PM)?$")]
    private static partial Regex Clock();

    [GeneratedRegex(@"^(\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{4}-\d{2}-\d{2}T.*)$")]
    private static partial Regex Date();

    /// <summary>Instrument tags and codes: letters joined to digits (TT-105, A2116, PLC-3), a label or part of a message, never a reading.</summary>
    public static bool IsTag(string word) => Tag().IsMatch(word);

    [GeneratedRegex(@"^([A-Za-z]{1,5}[-_]?\d+[A-Za-z]?|[A-Za-z]{1,5}-\d+[-./]?\d*[A-Za-z]?|#\d+)$")]
    private static partial Regex Tag();

    [GeneratedRegex(@"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$")]
    private static partial Regex ThousandsComma();
}
