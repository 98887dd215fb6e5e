using System.Text.RegularExpressions;

namespace Airgap.Analytics.Vision.Reading;

/// <summary>
/// Alarm summaries and event logs: rows carrying a state (ACT/UNACK, Active, Unacknowledged, FAULT … or Cleared, RTN,
/// Event …). Where at least two rows do, the screen is a list: the message of each active row is a warning, cleared
/// rows and events are not, and nothing in a list row is a reading or a label.
/// </summary>
public static partial class AlarmRows
{
    /// <summary>Marks the list's rows and returns the active rows' messages; null when the screen is not an alarm list.</summary>
    public static List<string>? Find(List<Piece> pieces)
    {
        var rows = Rows(pieces).Select(r => (Pieces: r, State: State(r))).Where(r => r.State is not null && r.Pieces.Any(IsTimestamp)).ToList();
        if (rows.Count < 2) return null;
        var warnings = new List<string>();
        foreach (var (row, state) in rows)
        {
            if (state == true && Message(row) is { Length: > 0 } message) warnings.Add(message);
            foreach (var p in row)
            {
                p.Kind = PieceKind.Ignored;
                p.Used = true; // spoken for: the row's state decided, colour and alarm words have no further say
            }
        }
        return warnings;
    }

    /// <summary>Alarm lists stamp every row with a time or date; lamp rows and tables with an OK column do not.</summary>
    private static bool IsTimestamp(Piece p) =>
        p.Raw.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(w => WordSplitter.Classify(w.Trim('(', ')', '[', ']'), default, 0, 0).Kind == WordKind.Other);

    private static List<List<Piece>> Rows(List<Piece> pieces)
    {
        var rows = new List<List<Piece>>();
        foreach (var p in pieces.OrderBy(p => p.Box.CenterY))
        {
            var row = rows.FirstOrDefault(r => r.Any(q => q.Box.VerticalOverlap(p.Box) > 0.6f && MathF.Abs(q.Box.CenterY - p.Box.CenterY) < 0.5f * MathF.Max(q.Box.Height, p.Box.Height)));
            if (row is null) rows.Add([p]);
            else row.Add(p);
        }
        return rows.Select(r => r.OrderBy(p => p.Box.X0).ToList()).ToList();
    }

    /// <summary>true: the row's alarm is active; false: cleared or an event; null: the row carries no state.</summary>
    private static bool? State(List<Piece> row)
    {
        if (row.Any(p => InactiveCell().IsMatch(p.Raw.Trim()))) return false;
        bool? state = null;
        foreach (var (word, whole) in Words(row))
        {
            if (!whole && word != word.ToUpperInvariant()) continue;
            if (Inactive().IsMatch(word)) return false;
            if (Active().IsMatch(word)) state = true;
        }
        return state;
    }

    /// <summary>
    /// The row's words, each with whether it is a whole cell on its own; a state the recogniser spaced at its slash
    /// ("RTN/ UNACK") is one word, so its UNACK does not read as active on its own.
    /// </summary>
    private static IEnumerable<(string Word, bool Whole)> Words(List<Piece> row) =>
        row.Select(p => SpacedSlash().Replace(p.Raw, "/"))
            .SelectMany(raw => raw.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => (w.Trim(':', ',', '.'), !raw.Contains(' ') || Active().IsMatch(raw) || Inactive().IsMatch(raw))));

    [GeneratedRegex(@"\s*/\s*")]
    private static partial Regex SpacedSlash();

    /// <summary>
    /// The row's message: its words in reading order without the leading columns (time, code, severity, state) and
    /// ending at the state column, a time, or a wide gap to the next column.
    /// </summary>
    private static string Message(List<Piece> row)
    {
        var tokens = new List<(string Word, bool Cell, bool GapBefore)>();
        for (var k = 0; k < row.Count; k++)
        {
            // A cell of state or severity words the recogniser cut ("MED IUM") is one column word.
            var words = OnlyStates(row[k].Raw) ? [row[k].Raw.Replace(" ", "")] : row[k].Raw.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var gap = k > 0 && row[k].Box.X0 - row[k - 1].Box.X1 > 3 * row[k].Box.Height;
            for (var i = 0; i < words.Length; i++) tokens.Add((words[i], words.Length == 1, gap && i == 0));
        }
        var message = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var (w, cell, gap) = tokens[i];
            var bare = w.Trim('(', ')', '[', ']', ':', ',');
            var state = IsState(bare);
            var timestamp = bare.Length > 0 && WordSplitter.Classify(bare, default, 0, 0).Kind == WordKind.Other;
            // A severity is a column when it stands alone or right before the state ("CRITICAL CLEARED"), not inside "HIGH TEMP ALARM".
            var severity = Severity().IsMatch(bare) && (cell || i + 1 < tokens.Count && IsState(tokens[i + 1].Word));
            var column = bare.Length == 0 || timestamp || severity || state && (cell || bare == bare.ToUpperInvariant());
            if (message.Count == 0)
            {
                if (column || WordSplitter.IsTag(bare) || bare.All(c => !char.IsLetter(c)) || bare is "EV" or "EVT") continue;
                message.Add(w);
                continue;
            }
            if (gap || timestamp) break;
            // A state word ends the message, unless the message itself is written in capitals ("HIGH TEMP ALARM").
            if (state && (cell || bare == bare.ToUpperInvariant()) && message.Any(m => m != m.ToUpperInvariant())) break;
            message.Add(w);
        }
        return string.Join(' ', message).Trim();
    }

    /// <summary>True for a text made only of state and severity words ("ACT/UNACK", "MED IUM"): a column cell, not a message.</summary>
    public static bool OnlyStates(string text)
    {
        var compact = text.Replace(" ", "");
        return Active().IsMatch(compact) || Inactive().IsMatch(compact) || Severity().IsMatch(compact)
            || text.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(w => IsState(w) || Severity().IsMatch(w.Trim('(', ')', '[', ']', ':', ',')));
    }

    private static bool IsState(string word)
    {
        var bare = word.Trim('(', ')', '[', ']', ':', ',');
        return Active().IsMatch(bare) || Inactive().IsMatch(bare);
    }

    [GeneratedRegex(@"^(ACT(/UNACK|/ACK)?|ACTIVE|UNACK(NOWLEDGED)?|ACK(NOWLEDGED)?|UNACKED|ACKED|FAULT|ALM|ALARM|IN ALARM|WARNING|TRIPPED|ON)$", RegexOptions.IgnoreCase)]
    private static partial Regex Active();

    [GeneratedRegex(@"^(CLEARED|CLEAR|CLR|RTN|RETURNED|NORMAL|NORM|EVENT|EV|INFO|OK|RESET|OFF|INACTIVE|LOG|MSG|MESSAGE|(ACK|UNACK|ACKED)?[-/]?(RTN|CLR|CLEARED|NORM)([-/](ACK|UNACK))?)$", RegexOptions.IgnoreCase)]
    private static partial Regex Inactive();

    /// <summary>A state cell written out in words, whole: "Returned to normal", "Operator" (an operator's action logged).</summary>
    [GeneratedRegex(@"^((returned|return|back) to normal|gone|gegangen|operator( action)?)$", RegexOptions.IgnoreCase)]
    private static partial Regex InactiveCell();

    [GeneratedRegex(@"^(CRITICAL|HIGH|MEDIUM|LOW|MAJOR|MINOR|URGENT|INFO|WARN|WARNING|SEV\d?|P\d)$", RegexOptions.IgnoreCase)]
    private static partial Regex Severity();
}
