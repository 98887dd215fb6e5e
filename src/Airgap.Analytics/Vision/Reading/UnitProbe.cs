using Airgap.Analytics.Vision.Ocr;

namespace Airgap.Analytics.Vision.Reading;

/// <summary>
/// Looks again for the unit of a reading that has none: small unit text beside big digits ("%", "A", "°C") is what
/// the detector misses most. The strip right of the number (up to the next text), then the strip under it (gauges),
/// goes straight to the recogniser; a unit read there with confidence is the reading's unit.
/// </summary>
public static class UnitProbe
{
    private const double MinConfidence = 0.6;

    public static void Probe(PpOcrReader ocr, RgbRaster image, List<Piece> pieces, CancellationToken cancellationToken)
    {
        var values = pieces.Where(p => p.Kind == PieceKind.Value && p.Unit.Length == 0).ToList();
        if (values.Count == 0) return;
        var right = values.Select(v => Right(v, pieces, image)).ToList();
        var below = values.Select(v => Below(v, pieces, image)).ToList();
        var regions = right.Concat(below).Where(r => r is not null).Select(r => r!).ToList();
        var read = ocr.ReadRegions(image, regions, cancellationToken);
        for (var i = 0; i < values.Count; i++)
        {
            var unit = Unit(right[i], regions, read) ?? Unit(below[i], regions, read);
            if (Environment.GetEnvironmentVariable("AIRGAP_VISION_DEBUG") == "1")
                Console.Error.WriteLine($"probe {values[i].Shown}: right={Dump(right[i], read)} below={Dump(below[i], read)}");
            if (unit is not null) values[i].Unit = unit;
        }
    }

    private static string Dump(TextRegion? region, IReadOnlyList<OcrText> read) => region is null ? "-" :
        read.FirstOrDefault(t => MathF.Abs(t.Box.CenterX - region.CenterX) < 1 && MathF.Abs(t.Box.CenterY - region.CenterY) < 1) is { } t ? $"'{t.Text}' {t.Confidence:0.00} [{region.CenterX:0},{region.CenterY:0} {region.Length:0}x{region.Thickness:0}]" : "none";

    private static string? Unit(TextRegion? region, List<TextRegion> regions, IReadOnlyList<OcrText> read)
    {
        if (region is null) return null;
        var text = read.FirstOrDefault(t => MathF.Abs(t.Box.CenterX - region.CenterX) < 1 && MathF.Abs(t.Box.CenterY - region.CenterY) < 1);
        if (text is null || text.Confidence < MinConfidence) return null;
        var words = text.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return null;
        // Nothing after a number is another number: a small % sign comes back from the recogniser as 96 or %6.
        return words[0] is "96" or "%6" or "9/6" or "%o" ? "%" : UnitLexicon.Normalize(words[0]);
    }

    /// <summary>From just after the digits to the next text on the row, at most two and a half digit heights.</summary>
    private static TextRegion? Right(Piece value, List<Piece> pieces, RgbRaster image)
    {
        var h = value.Box.Height;
        var start = value.Box.X1 + 0.05f * h;
        var end = Math.Min(image.Width, start + 2.5f * h);
        foreach (var p in pieces.Where(p => p != value && p.Box.X0 > value.Box.X1 - 2 && p.Box.VerticalOverlap(value.Box) > 0.3f))
            end = Math.Min(end, p.Box.X0 - 1);
        if (end - start < 0.4f * h) return null;
        return Fit(image, new PixelBox(start, value.Box.Y0, end, value.Box.Y1), h);
    }

    /// <summary>The band just under the digits, as wide as they are: where gauges and tiles put their unit.</summary>
    private static TextRegion? Below(Piece value, List<Piece> pieces, RgbRaster image)
    {
        var h = value.Box.Height;
        var top = value.Box.Y1;
        var bottom = Math.Min(image.Height, top + 0.8f * h);
        foreach (var p in pieces.Where(p => p != value && p.Box.Y0 >= value.Box.CenterY && p.Box.HorizontalOverlap(value.Box) > 0.2f))
            bottom = Math.Min(bottom, p.Box.Y0 - 1);
        if (bottom - top < 0.3f * h) return null;
        return Fit(image, new PixelBox(value.Box.X0, top, value.Box.X1, bottom), h);
    }

    /// <summary>A line region tightly around the first ink in the strip, with the margins the detector would give it.</summary>
    private static TextRegion? Fit(RgbRaster image, PixelBox strip, float digitHeight)
    {
        if (InkBounds.FirstRun(image, strip, 0.4f * digitHeight) is not { } ink || ink.Height < 4 || ink.Width < 2) return null;
        var pad = 0.3f * ink.Height;
        return new TextRegion(ink.CenterX, ink.CenterY, ink.Width + 2 * pad, ink.Height + 2 * pad, 0, 1);
    }
}
