using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Airgap.Analytics.Vision.Segments;

/// <summary>A single-channel float image (luminance, contrast or a 0/1 mask), row-major.</summary>
internal sealed class GrayPlane(int width, int height)
{
    public int Width { get; } = width;
    public int Height { get; } = height;
    public float[] Pixels { get; } = new float[width * height];

    public float this[int x, int y]
    {
        get => Pixels[y * Width + x];
        set => Pixels[y * Width + x] = value;
    }

    /// <summary>Luminance (Rec. 601) of <paramref name="rect"/> of the image, which must lie inside it.</summary>
    public static GrayPlane Luminance(Image<Rgb24> image, Rectangle rect)
    {
        var plane = new GrayPlane(rect.Width, rect.Height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rect.Height; y++)
            {
                var row = rows.GetRowSpan(rect.Y + y).Slice(rect.X, rect.Width);
                var o = y * rect.Width;
                for (var x = 0; x < row.Length; x++)
                    plane.Pixels[o + x] = 0.299f * row[x].R + 0.587f * row[x].G + 0.114f * row[x].B;
            }
        });
        return plane;
    }

    /// <summary>
    /// The whole image's luminance shrunk by an integer factor (box average) so that neither side exceeds
    /// <paramref name="maxSide"/>; never holds the full-resolution plane. Returns the plane and the factor.
    /// </summary>
    public static (GrayPlane Plane, int Factor) LuminanceShrunk(Image<Rgb24> image, int maxSide)
    {
        var factor = Math.Max(1, (int)Math.Ceiling(Math.Max(image.Width, image.Height) / (double)maxSide));
        var w = Math.Max(1, image.Width / factor);
        var h = Math.Max(1, image.Height / factor);
        var plane = new GrayPlane(w, h);
        var norm = 1f / (factor * factor);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < h * factor; y++)
            {
                var row = rows.GetRowSpan(y);
                var o = y / factor * w;
                for (var x = 0; x < w * factor; x++)
                    plane.Pixels[o + x / factor] += norm * (0.299f * row[x].R + 0.587f * row[x].G + 0.114f * row[x].B);
            }
        });
        return (plane, factor);
    }

    /// <summary>
    /// The source rectangle (in this plane's pixels, may be fractional) resampled to <paramref name="width"/>×<paramref name="height"/>:
    /// area average when shrinking, bilinear when enlarging.
    /// </summary>
    public GrayPlane Resample(double sx0, double sy0, double sx1, double sy1, int width, int height)
    {
        var result = new GrayPlane(width, height);
        var stepX = (sx1 - sx0) / width;
        var stepY = (sy1 - sy0) / height;
        if (stepX <= 1 && stepY <= 1)
        {
            for (var y = 0; y < height; y++)
                for (var x = 0; x < width; x++)
                    result.Pixels[y * width + x] = Bilinear(sx0 + (x + 0.5) * stepX - 0.5, sy0 + (y + 0.5) * stepY - 0.5);
            return result;
        }
        var table = new SummedArea(this);
        for (var y = 0; y < height; y++)
        {
            var y0 = Math.Clamp((int)Math.Floor(sy0 + y * stepY), 0, Height - 1);
            var y1 = Math.Clamp((int)Math.Floor(sy0 + (y + 1) * stepY), y0 + 1, Height);
            for (var x = 0; x < width; x++)
            {
                var x0 = Math.Clamp((int)Math.Floor(sx0 + x * stepX), 0, Width - 1);
                var x1 = Math.Clamp((int)Math.Floor(sx0 + (x + 1) * stepX), x0 + 1, Width);
                result.Pixels[y * width + x] = (float)table.Mean(x0, y0, x1, y1);
            }
        }
        return result;
    }

    /// <summary>Bilinear sample at (x, y), clamped to the edges.</summary>
    public float Bilinear(double x, double y)
    {
        x = Math.Clamp(x, 0, Width - 1);
        y = Math.Clamp(y, 0, Height - 1);
        var x0 = (int)x;
        var y0 = (int)y;
        var x1 = Math.Min(x0 + 1, Width - 1);
        var y1 = Math.Min(y0 + 1, Height - 1);
        var fx = (float)(x - x0);
        var fy = (float)(y - y0);
        var top = this[x0, y0] + (this[x1, y0] - this[x0, y0]) * fx;
        var bottom = this[x0, y1] + (this[x1, y1] - this[x0, y1]) * fx;
        return top + (bottom - top) * fy;
    }

    /// <summary>The mean over a (2r+1)² window around each pixel, shrunk at the edges.</summary>
    public GrayPlane BoxMean(int radius)
    {
        var table = new SummedArea(this);
        var result = new GrayPlane(Width, Height);
        for (var y = 0; y < Height; y++)
        {
            var y0 = Math.Max(0, y - radius);
            var y1 = Math.Min(Height, y + radius + 1);
            for (var x = 0; x < Width; x++)
                result.Pixels[y * Width + x] = (float)table.Mean(Math.Max(0, x - radius), y0, Math.Min(Width, x + radius + 1), y1);
        }
        return result;
    }
}
