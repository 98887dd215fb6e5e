using Airgap.Analytics.Vision.Ocr;

namespace Airgap.Analytics.Vision.Reading;

/// <summary>
/// Reads each OCR line left to right into pieces: words before a number are its label when the number ends the run
/// ("Oil Temp 61.1 °C"); a number followed by words is part of them ("Zone 1 Temp", "Batch 2291 started").
/// </summary>
public static partial class LinePieces
{
    public static List<Piece> Parse(IReadOnlyList<DisplayWord> words)
    {
        var pieces = new List<Piece>();
        foreach (var line in words.GroupBy(w => w.Line))
        {
            var list = line.OrderBy(w => w.Box.X0).ToList();
            var pending = new List<DisplayWord>();
            for (var i = 0; i < list.Count; i++)
            {
                var w = list[i];
                if (w.Kind == WordKind.Number)
                {
                    var next = i + 1 < list.Count ? list[i + 1] : null;
                    var unit = w.Unit;
                    var box = w.Box;
                    var raw = w.Text;
                    var unitWord = (DisplayWord?)null;
                    if (unit.Length == 0 && next is not null && UnitAfterNumber(next) is { } u)
                    {
                        unitWord = next;
                        unit = u;
                        raw = $"{w.Text} {next.Text}";
                        box = box.Union(next.Box);
                        i++;
                        next = i + 1 < list.Count ? list[i + 1] : null;
                    }
                    if (unit.Length == 0 && next is { Kind: WordKind.Text })
                    {
                        pending.Add(w);
                        continue;
                    }
                    // "Particles 0.5 µm" names the count beside or under it: the size is part of the label.
                    if (unit == "µm" && pending.Count > 0 && ParticleWord().IsMatch(pending[^1].Text))
                    {
                        pending.Add(w);
                        if (unitWord is not null) pending.Add(unitWord);
                        continue;
                    }
                    if (IsRange(pending))
                    {
                        pending.Add(w);
                        var span = pending.Skip(1).Aggregate(pending[0].Box, (b, p) => b.Union(p.Box)).Union(box);
                        pieces.Add(new Piece(PieceKind.Ignored, string.Join(' ', pending.Select(p => p.Text)) + (raw.Length > w.Text.Length ? raw[w.Text.Length..] : ""), span, w.Confidence, w.Line) { Angle = w.Angle });
                        pending.Clear();
                        continue;
                    }
                    var before = string.Join(' ', pending.Select(p => p.Text));
                    PixelBox? labelBox = pending.Count == 0 ? null : pending.Skip(1).Aggregate(pending[0].Box, (b, p) => b.Union(p.Box));
                    Flush(pieces, pending, labelForNext: true, out var label);
                    pieces.Add(new Piece(PieceKind.Value, w.Text, box, w.Confidence, w.Line)
                        { Raw = label.Length > 0 ? $"{before} {raw}" : raw, Shown = w.Shown, Value = w.Value, Unit = unit, Label = label, LabelFrom = label.Length > 0 ? "inline" : "", LabelBox = label.Length > 0 ? labelBox : null, Angle = w.Angle });
                }
                // pH names its quantity as often as it is a unit: before a word ("pH Value", "pH Wert") it is the label's.
                else if (w.Kind == WordKind.Unit && pending.Count == 0 && !(w.Unit == "pH" && i + 1 < list.Count && list[i + 1].Kind == WordKind.Text))
                    pieces.Add(new Piece(PieceKind.Unit, w.Text, w.Box, w.Confidence, w.Line) { Unit = w.Unit, Angle = w.Angle });
                else if (w.Kind == WordKind.Other && pending.Count == 0)
                    pieces.Add(new Piece(PieceKind.Ignored, w.Text, w.Box, w.Confidence, w.Line) { Angle = w.Angle });
                else pending.Add(w);
            }
            Flush(pieces, pending, labelForNext: false, out _);
        }
        return pieces;
    }

    /// <summary>"0 – 120", "16.6 – 35.5", "530 … 4175", "L 0.10 / H 2.19": a range or limits column, not a reading.</summary>
    private static bool IsRange(List<DisplayWord> before) =>
        before.Any(p => p.Kind == WordKind.Number) && before.Any(p => p.Text is "-" or "–" or "—" or "…" or "..." or "/" or "to" or "bis" or "à" || p.Text.Length > 1 && p.Text[^1] is '-' or '–' or '—' or '…' or '/');

    private static string? UnitAfterNumber(DisplayWord next) => next.Kind switch
    {
        WordKind.Unit => next.Unit,
        WordKind.Text when UnitLexicon.Normalize(next.Text) is { } u && next.Text.Length <= 4 => u,
        _ => null,
    };

    private static void Flush(List<Piece> pieces, List<DisplayWord> pending, bool labelForNext, out string label)
    {
        label = "";
        if (pending.Count == 0) return;
        var text = string.Join(' ', pending.Select(p => p.Text));
        var words = pending.Any(p => p.Kind == WordKind.Text && (TwoLetters().IsMatch(p.Text) || Channel().IsMatch(p.Text)));
        if (labelForNext && words)
            label = CleanLabel(text);
        else
        {
            var box = pending.Skip(1).Aggregate(pending[0].Box, (b, p) => b.Union(p.Box));
            var kind = words ? PieceKind.Label : PieceKind.Ignored;
            pieces.Add(new Piece(kind, kind == PieceKind.Label ? CleanLabel(text) : text, box, pending.Average(p => p.Confidence), pending[0].Line) { Angle = pending[0].Angle });
        }
        pending.Clear();
    }

    /// <summary>
    /// A label without its leader dots, trailing colon or equals sign, with the spaces small text lost and the letters
    /// PP-OCR read as digits or digits as letters (O2, L1) mended.
    /// </summary>
    public static string CleanLabel(string text)
    {
        var label = text.Trim().TrimEnd('.', ':', '=', '…', ' ', '·').Trim();
        label = LostSpace().Replace(label, "$1 $2");
        label = GluedFormula().Replace(label, " O$1");
        label = PhaseOne().Replace(label, "L1");
        label = CapitalO().Replace(label, "O");
        return Oxygen().Replace(label, "$1O$2");
    }

    /// <summary>PP-OCR reads the letter O of formulae as a zero ("C02", "Flue 02"): in a label, that zero is an O.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=^|\s)(C|N|S|H|NH|CH|SO|NO)?0(\d)(?=\s|$)")]
    private static partial System.Text.RegularExpressions.Regex Oxygen();

    /// <summary>A formula glued to the word before it with its O read as a zero ("Flue02"): "Flue O2".</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=(?i:flue|gas|air|stack|exhaust|residual|dissolved))[0O](2)(?=\s|$)")]
    private static partial System.Text.RegularExpressions.Regex GluedFormula();

    /// <summary>A zero starting a word of small letters is its capital O ("Pump 0utput", "0il Temp").</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=^|\s)0(?=\p{Ll}{2})")]
    private static partial System.Text.RegularExpressions.Regex CapitalO();

    /// <summary>Phase L1 read with its 1 as a letter ("Phase Ll Current").</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=^|\s)L[l|](?=\s|$)")]
    private static partial System.Text.RegularExpressions.Regex PhaseOne();

    /// <summary>A channel's caption on a meter: P1, L2, T3.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\p{Lu}\d$")]
    private static partial System.Text.RegularExpressions.Regex Channel();

    [System.Text.RegularExpressions.GeneratedRegex(@"\p{L}{2}")]
    private static partial System.Text.RegularExpressions.Regex TwoLetters();

    /// <summary>Small text loses its spaces in PP-OCR ("PressForce"): a lower-case letter followed by a capital was two words.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"(\p{Ll}{2})(\p{Lu}\p{Ll})")]
    private static partial System.Text.RegularExpressions.Regex LostSpace();

    /// <summary>The word before a particle counter's size class ("Particles 0.5 µm", "≥ 5 µm").</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(particles?|partikel|particules?|[≥>]=?)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex ParticleWord();
}
