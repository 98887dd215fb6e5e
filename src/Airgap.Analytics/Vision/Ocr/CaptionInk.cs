using Airgap.Analytics.Vision.Segments;

namespace Airgap.Analytics.Vision.Ocr;

/// <summary>
/// Finds a meter's small caption ("P1", "SV") left of its big lit digits, where plain ink bounds fail: the unlit ghost
/// digits between caption and number, the window's edge and the row of digits above all count as ink there. Here ink
/// is only what is as bright (or dark) as the lit digits themselves, and of it only letter-sized marks clear of the
/// band's top and bottom are kept; the caption is the rightmost group of them.
/// </summary>
public static class CaptionInk
{
    /// <summary>How much of the lit digits' contrast a blurred small caption keeps; ghost segments keep far less.</summary>
    private const double LitShare = 0.4;

    /// <summary>
    /// The bounds of the caption in <paramref name="band"/> (left of the digits in <paramref name="digits"/>), or null
    /// when nothing there looks like letters.
    /// </summary>
    public static PixelBox? Find(RgbRaster image, PixelBox digits, PixelBox band)
    {
        int x0 = Math.Clamp((int)band.X0, 0, image.Width - 1), x1 = Math.Clamp((int)MathF.Ceiling(band.X1), x0 + 1, image.Width);
        int y0 = Math.Clamp((int)band.Y0, 0, image.Height - 1), y1 = Math.Clamp((int)MathF.Ceiling(band.Y1), y0 + 1, image.Height);
        if (Lit(image, digits) is not var (background, threshold, brighter)) return null;
        int width = x1 - x0, height = y1 - y0;
        var mask = new bool[width * height];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var difference = image.Luma(x0 + x, y0 + y) - background;
                mask[y * width + x] = (brighter ? difference : -difference) > threshold;
            }
        var h = digits.Height;
        var marks = Components.Label(mask, width, height, out _)
            .Where(b => b.MinY > 0 && b.MaxY < height - 1 && b.Height >= 0.12f * h && b.Height <= 0.75f * h && b.Width <= h && b.Area >= 6)
            .OrderByDescending(b => b.MaxX).ToList();
        if (marks.Count == 0) return null;
        // The caption's letters: the rightmost mark and those close left of it on its line.
        var first = marks[0];
        int minX = first.MinX, minY = first.MinY, maxX = first.MaxX, maxY = first.MaxY;
        foreach (var mark in marks.Skip(1))
        {
            var size = maxY - minY + 1;
            if (mark.MaxX < minX - 0.6f * size) break;
            if (mark.MaxY < minY || mark.MinY > maxY) continue;
            (minX, minY, maxY) = (Math.Min(minX, mark.MinX), Math.Min(minY, mark.MinY), Math.Max(maxY, mark.MaxY));
        }
        return new PixelBox(x0 + minX, y0 + minY, x0 + maxX + 1, y0 + maxY + 1);
    }

    /// <summary>The window's background under the digits, how far from it counts as lit, and which way lit lies.</summary>
    private static (int Background, double Threshold, bool Brighter)? Lit(RgbRaster image, PixelBox digits)
    {
        int x0 = Math.Clamp((int)digits.X0, 0, image.Width - 1), x1 = Math.Clamp((int)MathF.Ceiling(digits.X1), x0 + 1, image.Width);
        int y0 = Math.Clamp((int)digits.Y0, 0, image.Height - 1), y1 = Math.Clamp((int)MathF.Ceiling(digits.Y1), y0 + 1, image.Height);
        var luminance = new List<int>((x1 - x0) * (y1 - y0));
        for (var y = y0; y < y1; y++)
            for (var x = x0; x < x1; x++)
                luminance.Add(image.Luma(x, y));
        luminance.Sort();
        var background = luminance[luminance.Count / 2];
        // The lit strokes' level: a high percentile, not the extreme, which a speck of glare sets.
        int bright = luminance[luminance.Count * 97 / 100] - background, dark = background - luminance[luminance.Count * 3 / 100];
        var spread = Math.Max(bright, dark);
        return spread < 30 ? null : (background, LitShare * spread, bright >= dark);
    }
}
