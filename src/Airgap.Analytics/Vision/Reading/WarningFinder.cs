using System.Text.RegularExpressions;
using Airgap.Analytics.Vision.Ocr;

namespace Airgap.Analytics.Vision.Reading;

/// <summary>
/// Active warnings on a display: text drawn in alarm colours (banners, pills, red text) and lines in the alarm
/// vocabulary, but not negations ("No active alarms"), menus and F-key bars, headings ("Alarm Limits"), section headers
/// or counters; beside an alarm tag ("ACTIVE ALARM", "WARNING:") the warning is the message, not the tag.
/// </summary>
public static partial class WarningFinder
{
    /// <summary>The warnings among the pieces not yet claimed; <paramref name="vocabulary"/> false leaves alarm words alone (an alarm list has spoken).</summary>
    public static List<string> Find(RgbRaster image, List<Piece> pieces, bool vocabulary)
    {
        var warnings = new List<string>();
        // A message ending in a number ("Störung Pumpe 2") was read as a value labelled by the message: it is a candidate too.
        // So is a word read as a unit on a line of words with no number ("pH HIGH").
        var numbered = pieces.Where(p => p.Kind == PieceKind.Value).Select(p => p.Line).ToHashSet();
        var worded = pieces.Where(p => p.Kind == PieceKind.Label).Select(p => p.Line).ToHashSet();
        var candidates = JoinCutLines(pieces.Where(p => (p.Kind is PieceKind.Label or PieceKind.Ignored || p is { Kind: PieceKind.Value, Unit: "", LabelFrom: "inline" }
                                                         || p.Kind == PieceKind.Unit && !numbered.Contains(p.Line) && worded.Contains(p.Line)) && !p.Used)
            .GroupBy(p => p.Line).Select(g => g.ToList()).ToList());
        // On a screen drawn all in one alarm-like colour (an amber terminal), colour says nothing; nor does a title bar
        // coloured across the top of the screen (checked per line below).
        var colourful = pieces.Count(p => AlarmColour.Share(image, p.Box) >= 0.12) > 0.5 * pieces.Count;
        foreach (var parts in candidates)
        {
            if (parts.All(p => p.Kind == PieceKind.Warning)) continue; // already taken as the message beside an alarm tag
            var text = Text(parts);
            if (AlarmRows.OnlyStates(text) && !IsSectionHeader(text)) continue;
            if (!Letters().IsMatch(text) || Negation().IsMatch(text) || Menu().IsMatch(text) || Heading().IsMatch(text)) continue;
            var box = Bounds(parts);
            var words = Vocabulary().IsMatch(text);
            // An alarm tag is often thin coloured letters on a dark screen, less of its box coloured than a banner's.
            var share = Tag(text) ? TagShare : TextShare;
            var coloured = !colourful && AlarmColour.Share(image, box) >= share && text.Count(char.IsLetter) >= 5 && !WordSplitter.IsTag(text)
                           && !InTitleBar(image, pieces, box, words);
            // Alarm words alone count only in a sentence: a row of lamp captions ("HEATING TRIP ALARM READY") is not one;
            // a tag before the text ("ACTIVE ALARM OVERLOAD") says it is an alarm in any case.
            var sentence = words && text.Contains(' ') && text.Any(char.IsLower);
            var tagged = Tagged(text);
            if (!coloured && !(vocabulary && (sentence || tagged is not null))) continue;
            var warning = tagged ?? text;
            if (IsSectionHeader(text) || parts.Count == 1 && !text.Contains(' ') && text == text.ToUpperInvariant())
            {
                // The warning is the message; the tag only said it is one ("ACTIVE ALARM", "STÖRUNG").
                if (MessageBeside(pieces, box, parts[0].Line) is { } message)
                {
                    if (message.Length == 0) continue;
                    warning = message;
                }
                else if (IsSectionHeader(text)) continue;
            }
            foreach (var p in parts) p.Kind = PieceKind.Warning;
            warnings.Add(LeadingTime().Replace(warning, ""));
        }
        return warnings.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// A title bar coloured across the top of the screen (the plant's name, the clock, the user) is no alarm banner: the
    /// row is coloured across the screen, or the text has no alarm word and nothing above it but the rest of a coloured
    /// bar (a photo of a screen, tilted, puts the bar's clock a little higher than its title), in the top fifth of the
    /// image. A banner under the title bar has the title above it.
    /// </summary>
    private static bool InTitleBar(RgbRaster image, List<Piece> pieces, PixelBox box, bool alarmWords)
    {
        if (box.Y1 < 0.07f * image.Height && AlarmColour.Share(image, box with { X0 = 0, X1 = image.Width }) >= 0.5) return true;
        return !alarmWords && box.Y0 < 0.2f * image.Height && pieces.Where(p => p.Box.CenterY < box.Y0)
            .All(p => p.Box.HorizontalOverlap(box) == 0 && AlarmColour.Share(image, p.Box) >= TextShare);
    }

    /// <summary>
    /// The detector cuts a message at a wide space ("Low suction" | "pressure"): lines on one row with less than a
    /// letter's height between them are one text again. Each line comes back in reading order.
    /// </summary>
    private static List<List<Piece>> JoinCutLines(List<List<Piece>> lines)
    {
        var rows = lines.Select(l => l.OrderBy(p => p.Box.X0).ToList()).ToList();
        for (var joined = true; joined;)
        {
            joined = false;
            for (var i = 0; i < rows.Count && !joined; i++)
                for (var j = 0; j < rows.Count && !joined; j++)
                {
                    if (i == j || !CutFrom(rows[i], rows[j])) continue;
                    rows[i] = [.. rows[i].Concat(rows[j]).OrderBy(p => p.Box.X0)];
                    rows.RemoveAt(j);
                    joined = true;
                }
        }
        return rows;

        // The right part of a line cut in two: on its row, as tall, starting within a letter's height of its end.
        static bool CutFrom(List<Piece> left, List<Piece> right)
        {
            PixelBox a = Bounds(left), b = Bounds(right);
            var h = MathF.Max(a.Height, b.Height);
            if (a.VerticalOverlap(b) < 0.6f || MathF.Abs(a.Height - b.Height) > 0.3f * h || b.X0 - a.X1 > 0.8f * h || b.X0 < a.X1 - h) return false;
            // A tag beside its message ("ACTIVE ALARM" | "LOW OIL LEVEL", "STÖRUNG" | "Conductivity high") stays apart,
            // as the message is the warning; so does a time before it.
            string first = Text(left), second = Text(right);
            // A negation beside it says the opposite ("Pump 1 running" | "No fault"): each stays what it was.
            return !Tag(first) && !Tag(second) && Letters().IsMatch(first) && Letters().IsMatch(second) && !Negation().IsMatch(first) && !Negation().IsMatch(second);
        }
    }

    private static PixelBox Bounds(List<Piece> parts) => parts.Skip(1).Aggregate(parts[0].Box, (b, p) => b.Union(p.Box));

    private static string Text(List<Piece> parts) => string.Join(' ', parts.Select(p => p.Kind == PieceKind.Value ? p.Raw : p.Text)).Trim();

    /// <summary>A heading, or one alarm word in capitals: what says a message beside it is an alarm.</summary>
    private static bool Tag(string text) => IsSectionHeader(text) || !text.Contains(' ') && text == text.ToUpperInvariant() && Vocabulary().IsMatch(text);

    /// <summary>
    /// A tag or heading rather than a message, also when the recogniser broke its spacing ("ACTIVE AL ARM") or misread
    /// one letter of an alarm tag in capitals ("ACTTVE ALARM", "ALARO").
    /// </summary>
    private static bool IsSectionHeader(string text) =>
        SectionHeader().IsMatch(text) || SectionHeader().IsMatch(text.Replace(" ", "")) || MisreadTag(text);

    private const double TextShare = 0.12;
    private const double TagShare = 0.06;

    // Tags a one-letter misread cannot turn into an ordinary word (WARNING is one letter from WARMING, FAULT from FAULTY).
    private static readonly string[] MisreadableTags = ["ACTIVEALARM", "ACTIVEALARMS", "ALARMACTIVE", "ALARM"];

    private static bool MisreadTag(string text)
    {
        var letters = text.Replace(" ", "");
        return letters.Length >= 5 && letters.All(char.IsUpper) && MisreadableTags.Any(t => WithinOneEdit(letters, t));
    }

    /// <summary>Equal but for one character changed, added or dropped.</summary>
    private static bool WithinOneEdit(string a, string b)
    {
        if (a.Length < b.Length) (a, b) = (b, a);
        if (a.Length - b.Length > 1) return false;
        var head = 0;
        while (head < b.Length && a[head] == b[head]) head++;
        var tail = 0;
        while (tail < b.Length - head && a[^(tail + 1)] == b[^(tail + 1)]) tail++;
        return head + tail >= a.Length - 1;
    }

    /// <summary>
    /// The message after an alarm tag in capitals read on the same line ("ACTIVE ALARM Door interlock open", "ACTIVE
    /// ALARM OVERLOAD"): the tag is one to three words; after a one-word tag the message must hold an alarm word
    /// ("ALARM Reset" is a button). Null when there is none.
    /// </summary>
    private static string? Tagged(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var k = Math.Min(3, words.Length - 1); k >= 1; k--)
        {
            var tag = string.Join(' ', words.Take(k));
            var rest = string.Join(' ', words.Skip(k));
            if (!words.Take(k).All(w => w.All(char.IsLetter) && w == w.ToUpperInvariant()) || !AlarmTag(tag) || !Letters().IsMatch(rest)) continue;
            if (k >= 2 || Vocabulary().IsMatch(rest)) return rest;
        }
        return null;
    }

    /// <summary>An alarm tag ("ALARM", "ACTIVE ALARM", "STÖRUNG"), misread by a letter or not; not a list heading ("EVENTS").</summary>
    private static bool AlarmTag(string tag) => AlarmTagWords().IsMatch(tag) || MisreadTag(tag);

    /// <summary>The message right of a tag, now a warning; "" when it is one already, null when there is none.</summary>
    private static string? MessageBeside(List<Piece> pieces, PixelBox tag, int line)
    {
        // The message may already be a warning of its own (read before its tag): the tag then adds nothing.
        var next = pieces.Where(p => p.Line != line && (p.Kind == PieceKind.Label && !p.Used || p.Kind == PieceKind.Warning) && p.Box.X0 >= tag.X1 - 2 && p.Box.VerticalOverlap(tag) > 0.5f && p.Box.X0 - tag.X1 < 4 * tag.Height)
            .OrderBy(p => p.Box.X0).FirstOrDefault();
        if (next is null) return null;
        if (next.Kind == PieceKind.Warning) return "";
        next.Kind = PieceKind.Warning;
        return next.Text;
    }

    /// <summary>Headings and column titles about alarms ("Alarm Limits", "Alarm History"), not alarms.</summary>
    [GeneratedRegex(@"\b(alarms?|alarm-?)\s*(limits?|setpoints?|settings?|history|log|list|summary|config(uration)?|overview|journal|grenzen|grenzwerte|historie)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Heading();

    /// <summary>A banner's time or date before its message ("12:38:18", "011213" with its colons lost, "2025-03-01").</summary>
    [GeneratedRegex(@"^(\s*(\d{1,2}:\d{2}(:\d{2})?|\d{1,2}\.\d{2}\.\d{2}|([01]\d|2[0-3])[0-5]\d[0-5]\d|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})\s+)+(?=\S*\p{L})")]
    private static partial Regex LeadingTime();

    [GeneratedRegex(@"\p{L}{3}")]
    private static partial Regex Letters();

    [GeneratedRegex(@"\b(alarm|alarms|fault|faults|trip|tripped|fail|failed|failure|error|overload|overheat|over-?temp|over-?pressure|leak|leakage|clogged|blocked|interrupted|e-?stop|emergency|jam|jammed|exceeded|lost|loss|low|high|open|not ready|stalled|warning|critical|störung|stoerung|storung|defaut|défaut)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Vocabulary();

    [GeneratedRegex(@"^[\s●•·○◉▪■◦]*(no|keine?|aucune?)\b|\b(none|normal|ok|cleared|healthy|returned|rtn)\b|^\W*0 (active )?alarms", RegexOptions.IgnoreCase)]
    private static partial Regex Negation();

    [GeneratedRegex(@"^\s*(F\d{1,2}\b.*){1}|\bF\d{1,2}\s+\p{L}+\s+F\d{1,2}\b", RegexOptions.IgnoreCase)]
    private static partial Regex Menu();

    [GeneratedRegex(@"^((active|aktive|current|aktuelle|actives?)\s*)?(alarms?|alarme|alarmes|warnings?|faults?|störung|storung|défaut|defaut)$", RegexOptions.IgnoreCase)]
    private static partial Regex AlarmTagWords();

    /// <summary>A tag or heading that is not itself the message: "ACTIVE ALARM", "ALARMS (3)", "Warning:".</summary>
    [GeneratedRegex(@"^\W*((active|aktive|current|aktuelle|actives?|present|open|offene)\s*)?(alarms?|alarme|alarmes|warnings?|warnungen|faults?|störungen|stoerungen|storungen|alerts?|events?|meldungen)(\s*(summary|list|history|log|journal))?\s*[:(\[]?\s*[\dOo]*\s*[)\]]?\s*:?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SectionHeader();
}
