using Airgap.Analytics.Vision.Ocr;

namespace Airgap.Analytics.Vision.Reading;

/// <summary>
/// A unit chosen by a lamp: drive keypads and multi-range panel meters print every unit they can show in a column
/// beside the digits and light the LED next to the one in use. The detector sees few of those small words (a lone
/// "A" or "V" not at all), so the lit LED is looked for beside the digits and the word right of it is read.
/// </summary>
public static class UnitLamps
{
    /// <summary>A lit lamp says a unit is there: a word spelling one exactly is taken at less confidence than text alone.</summary>
    private const double MinConfidence = 0.3;

    public static void Probe(PpOcrReader ocr, RgbRaster image, List<Piece> pieces, CancellationToken cancellationToken)
    {
        foreach (var value in pieces.Where(p => p.Kind == PieceKind.Value && p.Unit.Length == 0).ToList())
        {
            var area = Beside(value, image);
            var lamps = LampFinder.Find(image, area);
            // Two lit lamps beside one reading say nothing about which unit it shows; a lamp beyond its digits' height
            // may be the row's above or below.
            if (lamps is not [var lamp] || lamp.CenterY < value.Box.Y0 || lamp.CenterY > value.Box.Y1) continue;
            // A disc inside a word OCR read, with ink of that word left of it, is part of a letter (the bowl of a glowing
            // "k"); a lamp starts the word it lights, and the word's box may take it in.
            if (pieces.Any(p => p != value && p.Box.Containment(lamp) > 0.8f && p.Box.X0 < lamp.X0 - 0.5f * lamp.Width)) continue;
            var d = lamp.Height;
            var word = InkBounds.FirstRun(image, new PixelBox(lamp.X1 + 0.2f * d, lamp.CenterY - 1.2f * d, lamp.X1 + 6 * d, lamp.CenterY + 1.2f * d), 0.8f * d);
            if (UnitProbe.Fit(word) is not { } region) continue;
            // A word of a sign or two reads best as cropped or best padded, depending on the sign: padded is tried when
            // the crop spells no unit.
            if ((UnitRead(ocr.ReadRegions(image, [region], cancellationToken))
                 ?? UnitRead(ocr.ReadRegions(image, [region], cancellationToken, padded: true))) is not { } unit)
                continue;
            value.Unit = unit;
            // The other units of the list are no one's unit now.
            foreach (var other in pieces.Where(p => p != value && p.Kind is PieceKind.Unit or PieceKind.Label && Inside(p.Box, area) && UnitLexicon.Normalize(p.Text) is not null))
                other.Kind = PieceKind.Ignored;
        }
    }

    private static string? UnitRead(IReadOnlyList<OcrText> read) =>
        read.FirstOrDefault() is { Confidence: >= MinConfidence } text ? UnitLexicon.Normalize(text.Text.Trim()) : null;

    /// <summary>Right of the digits, up to three digit heights, a little above and below them: where a unit list stands.</summary>
    private static PixelBox Beside(Piece value, RgbRaster image)
    {
        var h = value.Box.Height;
        return new PixelBox(value.Box.X1 + 0.05f * h, value.Box.Y0 - 0.3f * h, value.Box.X1 + 3 * h, value.Box.Y1 + 0.3f * h).Within(image.Width, image.Height);
    }

    private static bool Inside(PixelBox box, PixelBox area) =>
        box.CenterX >= area.X0 && box.CenterX <= area.X1 && box.CenterY >= area.Y0 && box.CenterY <= area.Y1;
}
