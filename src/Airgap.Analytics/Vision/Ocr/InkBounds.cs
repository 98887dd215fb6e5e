namespace Airgap.Analytics.Vision.Ocr;

/// <summary>
/// Where the ink is inside a box: pixels that stand out from the box's median brightness. Used to fit a crop tightly
/// around small text before it is recognised, so a 10-pixel "%" fills the recogniser's 48-pixel line.
/// </summary>
public static class InkBounds
{
    /// <summary>
    /// The bounds of the first run of inked columns from the left of <paramref name="box"/> (a run ends at a blank gap
    /// of <paramref name="gap"/> pixels); ink touching the left edge belongs to what is left of the box and is skipped.
    /// Null when the box holds no ink with enough contrast.
    /// </summary>
    public static PixelBox? FirstRun(RgbRaster image, PixelBox box, float gap) => Run(image, box, gap, fromRight: false);

    /// <summary>As <see cref="FirstRun"/>, scanning from the right edge: the last run of ink before what is right of the box.</summary>
    public static PixelBox? LastRun(RgbRaster image, PixelBox box, float gap) => Run(image, box, gap, fromRight: true);

    private static PixelBox? Run(RgbRaster image, PixelBox box, float gap, bool fromRight)
    {
        int x0 = Math.Clamp((int)box.X0, 0, image.Width - 1), x1 = Math.Clamp((int)MathF.Ceiling(box.X1), x0 + 1, image.Width);
        int y0 = Math.Clamp((int)box.Y0, 0, image.Height - 1), y1 = Math.Clamp((int)MathF.Ceiling(box.Y1), y0 + 1, image.Height);
        var luminance = new List<int>((x1 - x0) * (y1 - y0));
        for (var y = y0; y < y1; y++)
            for (var x = x0; x < x1; x++)
                luminance.Add(Luma(image, x, y));
        luminance.Sort();
        var background = luminance[luminance.Count / 2];
        var spread = Math.Max(luminance[^1] - background, background - luminance[0]);
        if (spread < 40) return null;
        var threshold = spread * 0.4;
        int first = -1, last = -1, top = int.MaxValue, bottom = -1, blank = 0;
        var leading = true;
        for (var step = 0; step < x1 - x0; step++)
        {
            var x = fromRight ? x1 - 1 - step : x0 + step;
            var inked = false;
            for (var y = y0; y < y1 && !inked; y++) inked = Math.Abs(Luma(image, x, y) - background) > threshold;
            if (leading)
            {
                leading = inked;
                if (leading) continue;
            }
            if (inked)
                for (var y = y0; y < y1; y++)
                {
                    if (Math.Abs(Luma(image, x, y) - background) <= threshold) continue;
                    top = Math.Min(top, y);
                    bottom = Math.Max(bottom, y);
                }
            if (inked)
            {
                if (first < 0) first = x;
                last = x;
                blank = 0;
            }
            else if (first >= 0 && ++blank >= gap) break;
        }
        if (first < 0 || bottom < top) return null;
        return new PixelBox(Math.Min(first, last), top, Math.Max(first, last) + 1, bottom + 1);
    }

    private static int Luma(RgbRaster image, int x, int y)
    {
        var p = image.Pixels[y * image.Width + x];
        return (p.R * 299 + p.G * 587 + p.B * 114) / 1000;
    }
}
