using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Airgap.Analytics.Vision.Segments;

/// <summary>
/// Reads the digits in one box of an image: the box (plus a margin) is resampled so digits are about
/// <see cref="DigitHeight"/> pixels tall, contrasted against its local background in both polarities (lit segments
/// brighter or darker than the glass), thresholded above the ghosts, deskewed, split into cells and decoded.
/// </summary>
internal static class RegionDecoder
{
    /// <summary>Height, in pixels, digits are resampled to before reading.</summary>
    public const int DigitHeight = 48;

    /// <summary>Widest resampled region: bounds the work for any box.</summary>
    public const int MaxWidth = 1400;

    /// <summary>Smallest contrast, in luminance levels, that counts as a lit stroke.</summary>
    public const float MinContrast = 22;

    /// <summary>Reads <paramref name="box"/>, which must lie inside the image and be at least 8 pixels tall.</summary>
    public static SegmentReading? Read(Image<Rgb24> image, Rectangle box, double leftMargin, CancellationToken cancellationToken)
    {
        var margin = 0.2 * box.Height;
        var window = Rectangle.FromLTRB(
            Math.Max(0, (int)Math.Floor(box.Left - Math.Max(margin, leftMargin * box.Height))),
            Math.Max(0, (int)Math.Floor(box.Top - margin)),
            Math.Min(image.Width, (int)Math.Ceiling(box.Right + margin)),
            Math.Min(image.Height, (int)Math.Ceiling(box.Bottom + margin)));
        var scale = Math.Min(Math.Min(DigitHeight / (double)box.Height, 4), MaxWidth / (double)window.Width);
        var width = Math.Max(8, (int)Math.Round(window.Width * scale));
        var height = Math.Max(8, (int)Math.Round(window.Height * scale));
        var plane = GrayPlane.Luminance(image, window).Resample(0, 0, window.Width, window.Height, width, height);
        var digitPixels = box.Height * scale;
        var background = plane.BoxMean(Math.Max(6, (int)Math.Round(0.6 * digitPixels)));
        (string Shown, double Value, double Confidence, double[] Corners)? best = null;
        foreach (var polarity in (ReadOnlySpan<int>)[1, -1])
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = ReadPolarity(plane, background, polarity, digitPixels);
            if (read is { } r && (best is null || r.Confidence > best.Value.Confidence)) best = r;
        }
        if (best is not { } found) return null;
        double sx = window.Width / (double)width, sy = window.Height / (double)height;
        var c = found.Corners;
        var result = new[]
        {
            (int)Math.Floor(window.X + (c[0] + 0.5) * sx), (int)Math.Floor(window.Y + (c[1] + 0.5) * sy),
            (int)Math.Ceiling(window.X + (c[2] + 0.5) * sx), (int)Math.Ceiling(window.Y + (c[3] + 0.5) * sy),
        };
        result[0] = Math.Clamp(result[0], 0, image.Width);
        result[2] = Math.Clamp(result[2], 0, image.Width);
        result[1] = Math.Clamp(result[1], 0, image.Height);
        result[3] = Math.Clamp(result[3], 0, image.Height);
        return new SegmentReading(found.Shown, found.Value, Math.Round(found.Confidence, 3), result);
    }

    private static (string Shown, double Value, double Confidence, double[] Corners)? ReadPolarity(
        GrayPlane plane, GrayPlane background, int polarity, double digitPixels)
    {
        var contrast = new float[plane.Pixels.Length];
        for (var i = 0; i < contrast.Length; i++) contrast[i] = polarity * (plane.Pixels[i] - background.Pixels[i]);
        if (StrokeThreshold.Of(contrast, MinContrast) is not { } threshold) return null;
        var mask = new bool[contrast.Length];
        for (var i = 0; i < mask.Length; i++) mask[i] = contrast[i] > threshold;
        var blobs = Components.Label(mask, plane.Width, plane.Height, out var labels);
        var keep = new bool[blobs.Count + 1];
        var minArea = Math.Max(3, 0.0015 * digitPixels * digitPixels);
        foreach (var b in blobs)
        {
            var touches = b.MinX == 0 || b.MinY == 0 || b.MaxX == plane.Width - 1 || b.MaxY == plane.Height - 1;
            keep[b.Label] = !touches && b.Area >= minArea && b.Height <= 1.6 * digitPixels;
        }
        var kept = new bool[mask.Length];
        var inked = 0;
        for (var i = 0; i < mask.Length; i++)
            if (keep[labels[i]] && labels[i] != 0)
            {
                kept[i] = true;
                inked++;
            }
        if (inked < 0.02 * digitPixels * digitPixels) return null;
        var deskew = Deskew.Estimate(kept, plane.Width);
        var upright = Upright(kept, plane, deskew, blobs.Where(b => keep[b.Label]));
        var glyphs = DigitRow.Read(upright, Math.Max(8, (int)(0.4 * digitPixels)));
        if (ShownDigits.Assemble(glyphs) is not { } shown) return null;
        var (first, last) = (glyphs[shown.First], glyphs[shown.Last]);
        var u0 = upright.OriginU + first.X0 - 0.5;
        var u1 = upright.OriginU + last.X1 + 0.5;
        var v0 = upright.OriginV + Math.Min(first.Top, last.Top) - 0.5;
        var v1 = upright.OriginV + Math.Max(first.Bottom, last.Bottom) + 0.5;
        double x0 = double.MaxValue, y0 = double.MaxValue, x1 = double.MinValue, y1 = double.MinValue;
        foreach (var (u, v) in new[] { (u0, v0), (u1, v0), (u0, v1), (u1, v1) })
        {
            var (x, y) = deskew.Inverse(u, v);
            (x0, y0, x1, y1) = (Math.Min(x0, x), Math.Min(y0, y), Math.Max(x1, x), Math.Max(y1, y));
        }
        return (shown.Shown, shown.Value, shown.Confidence, [x0, y0, x1, y1]);
    }

    private static UprightMask Upright(bool[] kept, GrayPlane plane, Deskew deskew, IEnumerable<Blob> blobs)
    {
        double u0 = double.MaxValue, v0 = double.MaxValue, u1 = double.MinValue, v1 = double.MinValue;
        foreach (var b in blobs)
            foreach (var (x, y) in new[] { (b.MinX, b.MinY), (b.MaxX, b.MinY), (b.MinX, b.MaxY), (b.MaxX, b.MaxY) })
            {
                var (u, v) = deskew.Forward(x, y);
                (u0, v0, u1, v1) = (Math.Min(u0, u), Math.Min(v0, v), Math.Max(u1, u), Math.Max(v1, v));
            }
        u0 = Math.Floor(u0) - 2;
        v0 = Math.Floor(v0) - 2;
        var width = Math.Min(2 * plane.Width, (int)Math.Ceiling(u1 - u0) + 3);
        var height = Math.Min(2 * plane.Height, (int)Math.Ceiling(v1 - v0) + 3);
        var source = new GrayPlane(plane.Width, plane.Height);
        for (var i = 0; i < kept.Length; i++) source.Pixels[i] = kept[i] ? 1 : 0;
        var ink = new bool[width * height];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var (sx, sy) = deskew.Inverse(u0 + x, v0 + y);
                if (sx < -0.5 || sy < -0.5 || sx > plane.Width - 0.5 || sy > plane.Height - 0.5) continue;
                ink[y * width + x] = source.Bilinear(sx, sy) >= 0.5f;
            }
        return new UprightMask(ink, width, height, u0, v0);
    }
}
