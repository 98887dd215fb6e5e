using Airgap.Analytics.Vision.Ocr;

namespace Airgap.Analytics.Vision.Reading;

/// <summary>
/// Looks again where the layout says a reading's unit or caption should be and OCR's detector saw nothing: small text
/// beside big digits ("%", "A", "°C", "PV") is what the detector misses most. The strip right of the number (up to the
/// next text), the strip under it (gauges), and for a caption the strip left of it, are fitted to their ink and go
/// straight to the recogniser. Where that reads no unit (grain or blur hides the ink), the bands right of and under the
/// digits are read as they are.
/// </summary>
public static partial class UnitProbe
{
    private const double MinConfidence = 0.6;

    // The recogniser is least sure of a lone small sign ("V", "A", "%", "°C" read at 0.25–0.6) although it reads it
    // right; a word must still spell a unit exactly to be taken at this confidence.
    private const double MinUnitConfidence = 0.25;

    public static void Probe(PpOcrReader ocr, RgbRaster image, List<Piece> pieces, CancellationToken cancellationToken)
    {
        var values = pieces.Where(p => p.Kind == PieceKind.Value && (p.Unit.Length == 0 || p.Label.Length == 0)).ToList();
        if (values.Count == 0) return;
        var median = Piece.MedianHeight(pieces);
        var right = values.Select(v => WantsUnit(v) ? Right(v, pieces, image) : null).ToList();
        var below = values.Select(v => WantsUnit(v) ? Below(v, pieces, image) : null).ToList();
        // A meter's text is mostly its numbers: big is measured against the words.
        var words = pieces.Where(p => p.Kind != PieceKind.Value).ToList();
        var wordHeight = words.Count == 0 ? 0 : Piece.MedianHeight(words);
        var left = values.Select(v => v.Label.Length == 0 ? Left(v, pieces, image, Math.Min(median, wordHeight)) : null).ToList();
        var regions = right.Concat(below).Concat(left).Where(r => r is not null).Select(r => r!).ToList();
        var read = ocr.ReadRegions(image, regions, cancellationToken);
        // A crop of a sign or two on its own may read as nothing; padded to the recogniser's training width it reads.
        var unread = right.Concat(below).Where(r => r is not null && UnitIn(r, read) is null).Select(r => r!).ToList();
        var reread = unread.Count == 0 ? [] : ocr.ReadRegions(image, unread, cancellationToken, padded: true);
        var probed = values.Select((_, i) => UnitIn(right[i], read) ?? UnitIn(below[i], read) ?? UnitIn(right[i], reread) ?? UnitIn(below[i], reread)).ToList();
        // A word read surely right of the digits that is no unit (the next label, "Pump") leaves no room for one.
        var missing = values.Select((v, i) => WantsUnit(v) && probed[i] is null
            && !IsWord(Text(right[i], read, MinConfidence)) && !IsWord(Text(right[i], reread, MinConfidence))).ToList();
        var strip = StripUnits(ocr, image, pieces, values, missing, cancellationToken);
        var captions = Captions(ocr, image, pieces, values, left, read, cancellationToken);
        for (var i = 0; i < values.Count; i++)
        {
            if ((probed[i] ?? strip[i]) is { } unit)
                values[i].Unit = unit;
            if (captions[i] is { } caption)
            {
                values[i].Label = LinePieces.CleanLabel(caption);
                values[i].LabelFrom = "probe";
            }
        }
        InheritUnits(pieces, median);
    }

    /// <summary>
    /// Readings stacked in one column at one size (a controller's PV over SP) share the unit printed once beside them;
    /// one with text of its own right beside it (a unit no one could read) has another unit and inherits none.
    /// </summary>
    private static void InheritUnits(List<Piece> pieces, float medianHeight)
    {
        var values = pieces.Where(p => p.Kind == PieceKind.Value).ToList();
        var big = 1.5f * medianHeight;
        foreach (var value in values.Where(v => WantsUnit(v) && v.Label.Length > 0 && v.Box.Height >= big))
        {
            var h = value.Box.Height;
            if (pieces.Any(p => p.Kind != PieceKind.Value && OnItsRight(value, p) && p.Box.X0 - value.Box.X1 < h))
                continue;
            var neighbour = values.FirstOrDefault(o => o != value && o.Unit.Length > 0 && o.Box.HorizontalOverlap(value.Box) > 0.6f
                && MathF.Abs(o.Box.Height - h) < 0.4f * h && MathF.Max(o.Box.Y0 - value.Box.Y1, value.Box.Y0 - o.Box.Y1) < 0.8f * h);
            if (neighbour is not null) value.Unit = neighbour.Unit;
        }
    }

    /// <summary>A value without a unit, unless its label names the scale it is read on ("pH Value": pH has no unit).</summary>
    private static bool WantsUnit(Piece value) =>
        value.Unit.Length == 0 && !value.Label.Split(' ', '-', ':').Contains("pH", StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The caption read left of each value; where the ink-fitted probe read none (a meter's ghost digits or window edge
    /// were in its crop), the letters as bright as the lit digits are found and read.
    /// </summary>
    private static string?[] Captions(PpOcrReader ocr, RgbRaster image, List<Piece> pieces, List<Piece> values, List<TextRegion?> left,
        IReadOnlyList<OcrText> read, CancellationToken cancellationToken)
    {
        var captions = values.Select((_, i) => Text(left[i], read, MinConfidence) is { } c && IsCaption(c) ? c : null).ToArray();
        var lit = values.Select((v, i) => left[i] is not null && captions[i] is null ? LitCaption(v, pieces, image) : null).ToList();
        var regions = lit.Where(r => r is not null).Select(r => r!).ToList();
        if (regions.Count == 0) return captions;
        var reread = ocr.ReadRegions(image, regions, cancellationToken);
        for (var i = 0; i < values.Count; i++)
            captions[i] ??= Text(lit[i], reread, MinConfidence) is { } c && IsCaption(c) ? c : null;
        return captions;
    }

    /// <summary>
    /// A word naming the reading beside it: letters ("PV", "LOAD"), or a channel's letters and number ("L1", "P2"); not
    /// a unit, and not the 8 a ghost digit left of the number reads as.
    /// </summary>
    private static bool IsCaption(string text) =>
        UnitLexicon.Normalize(text) is null && (text.Count(char.IsLetter) >= 2 && !text.Any(char.IsDigit) || ChannelCaption().IsMatch(text));

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Z]{1,3}[1-79]$")]
    private static partial System.Text.RegularExpressions.Regex ChannelCaption();

    private static bool IsWord(string? text) => text is { Length: >= 2 } && text.All(char.IsLetter);

    /// <summary>The unit read in a probe's region: spelt right at low confidence, misspelt only when the read is surer.</summary>
    private static string? UnitIn(TextRegion? region, IReadOnlyList<OcrText> read) =>
        Unit(Text(region, read, MinUnitConfidence), fuzzy: false) ?? Unit(Text(region, read, MinConfidence), fuzzy: true);

    private static string? Text(TextRegion? region, IReadOnlyList<OcrText> read, double minConfidence)
    {
        if (region is null) return null;
        var text = read.FirstOrDefault(t => MathF.Abs(t.Box.CenterX - region.CenterX) < 1 && MathF.Abs(t.Box.CenterY - region.CenterY) < 1);
        return text is null || text.Confidence < minConfidence ? null : text.Text.Trim();
    }

    /// <summary>The unit a probe's read spells (its first word), with what the recogniser writes for small signs; null when none.</summary>
    internal static string? Unit(string? text, bool fuzzy = true)
    {
        var words = text?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words is not { Length: > 0 }) return null;
        var word = words[0].Trim('[', ']', '(', ')', '|');
        // Nothing after a number is another number: a small % sign comes back from the recogniser as 96 or %6; and a
        // lone F there is °F with its small degree sign lost, as a lone C is °C; psi loses its thin i, %RH its % sign,
        // m³/h its ³ and slash.
        return word switch
        {
            "96" or "%6" or "9/6" or "%o" => "%",
            "F" => "°F",
            "ps" => "psi",
            "RH" => "%RH",
            "mh" => "m³/h",
            _ => fuzzy ? UnitLexicon.Nearest(word) : UnitLexicon.Normalize(word),
        };
    }

    /// <summary>From just after the digits to the next text on the row, at most two and a half digit heights.</summary>
    private static TextRegion? Right(Piece value, List<Piece> pieces, RgbRaster image)
    {
        var h = value.Box.Height;
        var (start, end) = RightSpan(value, pieces, image, 2.5f, margin: 1);
        return end - start < 0.4f * h ? null : Fit(InkBounds.FirstRun(image, new PixelBox(start, value.Box.Y0, end, value.Box.Y1), 0.4f * h));
    }

    /// <summary>
    /// Where the ink-fitted probes read nothing: a small unit in a grainy photo or beside a blurred table cell is too faint
    /// for the ink to be found, so the band right of the digits is read as it is, from just above mid-height down to the
    /// baseline where units stand, which makes the small sign fill the recogniser's line. A narrow band keeps the next
    /// column out; a wide one reads a unit the narrow cut short ("m" of "m³/h"). Failing those, the band under the digits.
    /// </summary>
    private static string?[] StripUnits(PpOcrReader ocr, RgbRaster image, List<Piece> pieces, List<Piece> values, List<bool> missing, CancellationToken cancellationToken)
    {
        var narrow = ReadStrips(ocr, image, values, missing, v => Strip(v, pieces, image, NarrowStrip), cancellationToken);
        var wide = ReadStrips(ocr, image, values, missing, v => Strip(v, pieces, image, WideStrip), cancellationToken);
        var right = narrow.Select((n, i) => n is null ? wide[i] : wide[i] is { } w && w.Length > n.Length && w.StartsWith(n, StringComparison.Ordinal) ? w : n).ToList();
        var upper = ReadStrips(ocr, image, values, missing.Select((m, i) => m && right[i] is null).ToList(), v => Strip(v, pieces, image, NarrowStrip, upper: true), cancellationToken);
        right = right.Select((r, i) => r ?? upper[i]).ToList();
        var below = ReadStrips(ocr, image, values, missing.Select((m, i) => m && right[i] is null).ToList(), v => BelowStrip(v, pieces, image), cancellationToken);
        return right.Select((r, i) => r ?? below[i]).ToArray();
    }

    private const float NarrowStrip = 1.2f;
    private const float WideStrip = 2f;

    private static string?[] ReadStrips(PpOcrReader ocr, RgbRaster image, List<Piece> values, List<bool> missing, Func<Piece, TextRegion?> strip, CancellationToken cancellationToken)
    {
        var units = new string?[values.Count];
        var strips = values.Select((v, i) => missing[i] ? strip(v) : null).ToList();
        foreach (var padded in new[] { false, true })
        {
            var regions = strips.Where((r, i) => r is not null && units[i] is null).Select(r => r!).ToList();
            if (regions.Count == 0) break;
            var read = ocr.ReadRegions(image, regions, cancellationToken, padded);
            for (var i = 0; i < values.Count; i++) units[i] ??= UnitIn(strips[i], read);
        }
        return units;
    }

    /// <summary>The band right of the digits, <paramref name="width"/> digit heights wide (less where other text starts), lower two thirds.</summary>
    private static TextRegion? Strip(Piece value, List<Piece> pieces, RgbRaster image, float width, bool upper = false)
    {
        var h = value.Box.Height;
        // The next text's box can sit inside its first letter's ink, and a cut P reads as F: the band stops short of it.
        var (start, end) = RightSpan(value, pieces, image, width, margin: 0.3f * h);
        if (end - start < 0.4f * h) return null;
        var top = upper ? Math.Max(0, value.Box.Y0 - 0.1f * h) : value.Box.Y0 + 0.3f * h;
        var bottom = upper ? value.Box.Y0 + 0.55f * h : Math.Min(image.Height, value.Box.Y1 + 0.1f * h);
        return new TextRegion((start + end) / 2, (top + bottom) / 2, end - start, bottom - top, 0, 1);
    }

    /// <summary>The band under the digits, as wide as they are, as tall as a small unit: where gauges put it.</summary>
    private static TextRegion? BelowStrip(Piece value, List<Piece> pieces, RgbRaster image)
    {
        var h = value.Box.Height;
        var top = value.Box.Y1 + 0.05f * h;
        var bottom = BottomAbove(value, pieces, Math.Min(image.Height, top + 0.7f * h));
        if (bottom - top < 0.3f * h) return null;
        return new TextRegion(value.Box.CenterX, (top + bottom) / 2, value.Box.Width, bottom - top, 0, 1);
    }

    /// <summary>
    /// From just after the digits across <paramref name="width"/> digit heights, ending <paramref name="margin"/> before
    /// the next text on the row (a short word the recogniser was unsure of does not count).
    /// </summary>
    private static (float Start, float End) RightSpan(Piece value, List<Piece> pieces, RgbRaster image, float width, float margin)
    {
        var h = value.Box.Height;
        var start = value.Box.X1 + 0.05f * h;
        var end = Math.Min(image.Width, start + width * h);
        foreach (var p in pieces.Where(p => p != value && OnItsRight(value, p) && !Unsure(p, h)))
            end = Math.Min(end, p.Box.X0 - margin);
        return (start, end);
    }

    /// <summary><paramref name="bottom"/>, or just above the first text under the digits if that is higher.</summary>
    private static float BottomAbove(Piece value, List<Piece> pieces, float bottom)
    {
        foreach (var p in pieces.Where(p => p != value && p.Box.Y0 >= value.Box.CenterY && p.Box.HorizontalOverlap(value.Box) > 0.2f))
            bottom = Math.Min(bottom, p.Box.Y0 - 1);
        return bottom;
    }

    /// <summary>Text on the value's row that starts after it.</summary>
    private static bool OnItsRight(Piece value, Piece other) => other.Box.X0 > value.Box.X1 - 2 && other.Box.VerticalOverlap(value.Box) > 0.3f;

    /// <summary>
    /// A short small word the recogniser was unsure of (a blurred "m³/h" read "T" at 0.5): read again, cropped tight,
    /// rather than taken as the next text on the row.
    /// </summary>
    private static bool Unsure(Piece piece, float valueHeight) =>
        piece.Kind is PieceKind.Label or PieceKind.Ignored && piece.Confidence < 0.8 && piece.Text.Length <= 4 && piece.Box.Height < valueHeight;

    /// <summary>The band just under the digits, as wide as they are: where gauges and tiles put their unit.</summary>
    private static TextRegion? Below(Piece value, List<Piece> pieces, RgbRaster image)
    {
        var h = value.Box.Height;
        var top = value.Box.Y1;
        var bottom = BottomAbove(value, pieces, Math.Min(image.Height, top + 0.8f * h));
        return bottom - top < 0.3f * h ? null : Fit(InkBounds.FirstRun(image, new PixelBox(value.Box.X0, top, value.Box.X1, bottom), 0.4f * h));
    }

    /// <summary>Up to three digit heights left of big digits with nothing read there: a controller's PV / SP caption.</summary>
    private static TextRegion? Left(Piece value, List<Piece> pieces, RgbRaster image, float medianHeight)
    {
        var h = value.Box.Height;
        if (h < 1.5f * medianHeight) return null;
        var (start, end) = LeftSpan(value, pieces);
        return end - start < 0.4f * h ? null : Fit(InkBounds.LastRun(image, new PixelBox(start, value.Box.Y0, end, value.Box.Y1), 0.5f * h));
    }

    /// <summary>The caption's letters left of a meter's digits, found by their brightness (<see cref="CaptionInk"/>).</summary>
    private static TextRegion? LitCaption(Piece value, List<Piece> pieces, RgbRaster image)
    {
        var h = value.Box.Height;
        var (start, end) = LeftSpan(value, pieces);
        var band = new PixelBox(start, value.Box.Y0 - 0.15f * h, end, value.Box.Y1 + 0.15f * h);
        return end - start < 0.4f * h ? null : Fit(CaptionInk.Find(image, value.Box, band));
    }

    /// <summary>Up to three digit heights left of the digits, ending where other text on the row does.</summary>
    private static (float Start, float End) LeftSpan(Piece value, List<Piece> pieces)
    {
        var h = value.Box.Height;
        var end = value.Box.X0 - 0.05f * h;
        var start = Math.Max(0, end - 3 * h);
        foreach (var p in pieces.Where(p => p != value && p.Box.X1 < value.Box.X0 + 2 && p.Box.VerticalOverlap(value.Box) > 0.3f))
            start = Math.Max(start, p.Box.X1 + 1);
        return (start, end);
    }

    /// <summary>A line region tightly around the ink, with the margins the detector would give it.</summary>
    internal static TextRegion? Fit(PixelBox? ink)
    {
        if (ink is not { Height: >= 4, Width: >= 2 } box) return null;
        var pad = 0.5f * box.Height;
        return new TextRegion(box.CenterX, box.CenterY, box.Width + 2 * pad, box.Height + 2 * pad, 0, 1);
    }
}
