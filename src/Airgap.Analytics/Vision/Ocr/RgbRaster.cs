using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Airgap.Analytics.Vision.Ocr;

/// <summary>An image's pixels as one array, for the samplers that read it many times.</summary>
public sealed class RgbRaster
{
    private RgbRaster(int width, int height, Rgb24[] pixels)
    {
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Row-major pixels.</summary>
    public Rgb24[] Pixels { get; }

    public static RgbRaster From(Image<Rgb24> image)
    {
        var pixels = new Rgb24[image.Width * image.Height];
        image.CopyPixelDataTo(pixels);
        return new RgbRaster(image.Width, image.Height, pixels);
    }

    /// <summary>Brightness of the pixel at (x, y), 0..255 (ITU-R BT.601 weights).</summary>
    public int Luma(int x, int y)
    {
        var p = Pixels[y * Width + x];
        return (p.R * 299 + p.G * 587 + p.B * 114) / 1000;
    }

    /// <summary>Bilinear sample at (x, y), edges clamped; channels in B, G, R order as PaddleOCR's models were trained (OpenCV's).</summary>
    public (float B, float G, float R) SampleBgr(float x, float y)
    {
        x = Math.Clamp(x, 0, Width - 1);
        y = Math.Clamp(y, 0, Height - 1);
        int x0 = (int)x, y0 = (int)y, x1 = Math.Min(x0 + 1, Width - 1), y1 = Math.Min(y0 + 1, Height - 1);
        float fx = x - x0, fy = y - y0;
        var a = Pixels[y0 * Width + x0];
        var b = Pixels[y0 * Width + x1];
        var c = Pixels[y1 * Width + x0];
        var d = Pixels[y1 * Width + x1];
        float Mix(byte p, byte q, byte r, byte s) => (p * (1 - fx) + q * fx) * (1 - fy) + (r * (1 - fx) + s * fx) * fy;
        return (Mix(a.B, b.B, c.B, d.B), Mix(a.G, b.G, c.G, d.G), Mix(a.R, b.R, c.R, d.R));
    }
}
