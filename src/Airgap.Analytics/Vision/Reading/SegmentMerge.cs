using Airgap.Analytics.Vision.Ocr;
using Airgap.Analytics.Vision.Segments;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Airgap.Analytics.Vision.Reading;

/// <summary>
/// Puts the seven-segment reader's digits where general OCR reads segment displays badly: a decimal point OCR
/// dropped ("830" → "83.0"), digits it misread through ghost segments ("88.99" → "81.99"), and big digits it did not
/// see at all. Plain-font numbers OCR read confidently keep OCR's digits.
/// </summary>
public static partial class SegmentMerge
{
    /// <summary>Merges the readings into the pieces; true when any value's digits now come from the segment reader.</summary>
    public static bool Merge(List<Piece> pieces, Image<Rgb24> image, CancellationToken cancellationToken)
    {
        // Each number OCR found is read again as segments in its own box (the region reader is the more accurate), as
        // are big numbers OCR set aside (a leading zero, ghost 8s with points); the whole-image search then adds big
        // digits OCR missed.
        var readings = new List<SegmentReading>();
        foreach (var number in pieces.Where(p => p.Kind == PieceKind.Value).ToList())
        {
            if (SegmentReader.ReadRegion(image, Around(number.Box), cancellationToken) is { } region) readings.Add(region);
            // OCR reads the unlit segments of a display as 8s; where the segment reader sees nothing lit, they were ghosts.
            else if (AllEights(number.Shown) && number.Unit.Length == 0) number.Kind = PieceKind.Ignored;
        }
        var promoted = RereadSetAside(pieces, image, readings, cancellationToken);
        readings.AddRange(SegmentReader.Read(image, cancellationToken).Where(r => !readings.Any(k => Box(k).Containment(Box(r)) > 0.5f)));
        var used = promoted;
        var textHeight = Piece.MedianHeight(pieces);
        foreach (var found in readings)
        {
            var over = pieces.Where(p => p.Box.Containment(Box(found)) > 0.5f).ToList();
            var number = over.Where(p => p.Kind == PieceKind.Value).OrderByDescending(p => p.Box.Width * p.Box.Height).FirstOrDefault();
            var reading = number is null ? found : WithoutCaptionMinus(found, number, pieces);
            var box = Box(reading);
            if (number is null)
            {
                // Only digits clearly bigger than the screen's text, where nothing else was read, are trusted alone.
                if (over.Count > 0 || box.Height < 2 * textHeight || reading.Confidence < 0.7) continue;
                pieces.Add(new Piece(PieceKind.Value, reading.Shown, box, reading.Confidence, -1) { Shown = reading.Shown, Value = reading.Value });
                used = true;
                continue;
            }
            if (number.Shown == reading.Shown)
            {
                // Same digits: OCR's box may still reach into the unit printed hard after them ("6.1bar"), where the
                // unit probe has to start; the digits end where the segments do.
                if (number.Box.X1 > box.X1 + 0.15f * box.Height && box.Height > 0.6f * number.Box.Height) number.Box = number.Box with { X1 = box.X1 };
                continue;
            }
            var sameDigits = Digits(number.Shown) == Digits(reading.Shown);
            var better = sameDigits ? reading.Shown.Contains('.') && !number.Shown.Contains('.') && !number.Shown.Contains(',')
                : (reading.Confidence >= 0.7 && GhostsReadAsEights(number.Shown, reading.Shown)) || (reading.Confidence >= 0.75 && number.Confidence < 0.97);
            if (!better) continue;
            var index = pieces.IndexOf(number);
            // OCR's box can reach over a unit it read as a point ("52.04." over "52.74 %"): the digits end where the segments do.
            var whole = number.Box.Union(box);
            if (whole.X1 > box.X1 + 0.3f * box.Height) whole = whole with { X1 = box.X1 };
            pieces[index] = new Piece(PieceKind.Value, reading.Shown, whole, Math.Min(number.Confidence, reading.Confidence), number.Line)
            {
                Shown = reading.Shown, Value = reading.Value, Unit = number.Unit, Label = number.Label, LabelFrom = number.LabelFrom,
                LabelBox = number.LabelBox, Raw = number.Raw, Angle = number.Angle,
            };
            used = true;
        }
        return used;
    }

    /// <summary>
    /// OCR reads a segment 7 over its unlit segments as 0 ("09.5" for 79.5), and a number with a leading zero is set
    /// aside as an identifier; it reads unlit cells as 8s with their points ("8.8.42.9") or a unit as dots
    /// ("88.804 .."), which parse as no number. Big ones are read again as segments and become readings when the
    /// segments say so.
    /// </summary>
    private static bool RereadSetAside(List<Piece> pieces, Image<Rgb24> image, List<SegmentReading> readings, CancellationToken cancellationToken)
    {
        var promoted = false;
        foreach (var zero in pieces.Where(p => p.Kind == PieceKind.Ignored && (LeadingZero().IsMatch(p.Text) || Unparsed(p.Text))).ToList())
        {
            // Big beside the screen's other text, or the only text there is (a bare meter).
            var others = pieces.Where(p => p != zero).ToList();
            if (others.Count > 0 && zero.Box.Height < 2 * Piece.MedianHeight(others)) continue;
            if (SegmentReader.ReadRegion(image, Around(zero.Box), cancellationToken) is not { Confidence: >= 0.7 } found) continue;
            var reading = WithoutCaptionMinus(found, zero, pieces);
            if (LeadingZero().IsMatch(reading.Shown)) continue;
            // OCR's box of a misparsed run can reach over the unit; the segment reader's ends at the last digit.
            var box = LeadingZero().IsMatch(zero.Text) ? zero.Box.Union(Box(reading)) : Box(reading);
            pieces[pieces.IndexOf(zero)] = new Piece(PieceKind.Value, reading.Shown, box, Math.Min(zero.Confidence, reading.Confidence), zero.Line)
                { Shown = reading.Shown, Value = reading.Value, Raw = zero.Raw, Angle = zero.Angle };
            readings.Add(reading);
            promoted = true;
        }
        return promoted;
    }

    /// <summary>
    /// The segment reader's box is padded left of the number and can reach a caption printed just before the digits
    /// ("P1 6.081"), whose stroke it takes for a minus. A minus OCR did not see, left of OCR's number where another
    /// piece was read, is that caption: the reading keeps its digits and OCR's left edge.
    /// </summary>
    private static SegmentReading WithoutCaptionMinus(SegmentReading reading, Piece number, List<Piece> pieces)
    {
        if (!reading.Shown.StartsWith('-') || number.Text.StartsWith('-') || reading.Box[0] >= number.Box.X0) return reading;
        var left = new PixelBox(reading.Box[0], reading.Box[1], number.Box.X0, reading.Box[3]);
        // A caption has letters or digits; a dash OCR read apart is the minus itself.
        if (!pieces.Any(p => p != number && p.Text.Any(char.IsLetterOrDigit) && p.Box.Containment(left) > 0.5f)) return reading;
        return reading with { Shown = reading.Shown[1..], Value = -reading.Value, Box = [(int)number.Box.X0, reading.Box[1], reading.Box[2], reading.Box[3]] };
    }

    /// <summary>A number's box with room for the segment reader: a quarter of its height each side, an eighth above and below.</summary>
    private static int[] Around(PixelBox number)
    {
        var pad = number.Height * 0.25f;
        return [(int)(number.X0 - pad), (int)(number.Y0 - pad / 2), (int)(number.X1 + pad), (int)(number.Y1 + pad / 2)];
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[-+]?0\d[\d.,]*$")]
    private static partial System.Text.RegularExpressions.Regex LeadingZero();

    /// <summary>
    /// A run of two or more digits with points that is no number or date ("8.8.42.9"), alone or before words without
    /// digits ("88.804 .."): not a range ("10 – 120").
    /// </summary>
    private static bool Unparsed(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return DigitsAndPoints().IsMatch(text) && words.Skip(1).All(w => !w.Any(char.IsDigit)) && !IsDate(words[0]);

        // Day and month, or year and month, first: "11.08.2024", "2024.08.11" (ghost runs like "88.79.5" are none).
        static bool IsDate(string word) =>
            word.Split('.', ',') is [var a, var b, { Length: > 0 }] && int.TryParse(a, out var first) && int.TryParse(b, out var month)
            && month is >= 1 and <= 12 && (first is >= 1 and <= 31 || a.Length == 4);
    }

    /// <summary>A word of two or more digits with any points, alone or before other words.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^[-+]?(?=[\d.,]*\d[\d.,]*\d)[\d.,]+( |$)")]
    private static partial System.Text.RegularExpressions.Regex DigitsAndPoints();

    private static PixelBox Box(SegmentReading r) => new(r.Box[0], r.Box[1], r.Box[2], r.Box[3]);

    private static string Digits(string shown) => new(shown.Where(char.IsDigit).ToArray());

    /// <summary>Only 8s: what OCR reads for a meter's unlit digits (its ghost segments).</summary>
    public static bool AllEights(string shown) => Digits(shown) is { Length: > 0 } digits && digits.All(c => c == '8');

    /// <summary>
    /// OCR read unlit digits as 8s where the segment reader saw them dark or lit otherwise ("8885" for 5, "88806" for
    /// 180.6, "8.888" for 8): the digits, aligned at either end, differ only where OCR has an 8.
    /// </summary>
    internal static bool GhostsReadAsEights(string ocr, string segments)
    {
        string read = Digits(ocr), lit = Digits(segments);
        // Only extra digits are ghosts: a same-length difference is a misread, left to confidence.
        if (lit.Length == 0 || lit.Length >= read.Length) return false;
        return Explained(read, lit) || Explained(new string(read.Reverse().ToArray()), new string(lit.Reverse().ToArray()));

        // Right-aligned: every OCR digit with no lit digit under it, or a different one, is an 8.
        static bool Explained(string read, string lit) =>
            Enumerable.Range(0, read.Length).All(i => read[i] == '8' || (i - (read.Length - lit.Length) is var j && j >= 0 && read[i] == lit[j]));
    }
}
