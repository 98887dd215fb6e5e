using Airgap.Analytics.Vision.Ocr;
using Airgap.Analytics.Vision.Segments;
using SixLabors.ImageSharp.PixelFormats;

namespace Airgap.Analytics.Vision.Reading;

/// <summary>
/// Lit indicator LEDs in a part of an image: small round dots of bright, saturated colour (red, green, amber, blue).
/// Unlit LEDs are dull grey and letters are not round and filled, so neither is found.
/// </summary>
public static class LampFinder
{
    /// <summary>A lamp fills at least this share of its bounding box (a disc fills 0.79; a ring or a letter far less).</summary>
    private const double MinFill = 0.6;

    /// <summary>The lit lamps in <paramref name="area"/>, left to right.</summary>
    public static List<PixelBox> Find(RgbRaster image, PixelBox area)
    {
        int x0 = Math.Clamp((int)area.X0, 0, image.Width), x1 = Math.Clamp((int)MathF.Ceiling(area.X1), 0, image.Width);
        int y0 = Math.Clamp((int)area.Y0, 0, image.Height), y1 = Math.Clamp((int)MathF.Ceiling(area.Y1), 0, image.Height);
        int width = x1 - x0, height = y1 - y0;
        var lamps = new List<PixelBox>();
        if (width < 3 || height < 3) return lamps;
        var vivid = new bool[width * height];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                vivid[y * width + x] = IsVivid(image.Pixels[(y0 + y) * image.Width + x0 + x]);
        // A lamp is far smaller than the area (a digit and a half high), and a few pixels across at least.
        var largest = Math.Max(3, 0.3f * height);
        foreach (var blob in Components.Label(vivid, width, height, out _))
        {
            int w = blob.Width, h = blob.Height;
            if (w < 3 || h < 3 || w > largest || h > largest) continue;
            if (w > 1.6 * h || h > 1.6 * w || blob.Area < MinFill * w * h) continue;
            var lamp = new PixelBox(x0 + blob.MinX, y0 + blob.MinY, x0 + blob.MaxX + 1, y0 + blob.MaxY + 1);
            if (Isolated(image, lamp)) lamps.Add(lamp);
        }
        return lamps.OrderBy(l => l.X0).ToList();
    }

    /// <summary>
    /// Nothing vivid around the dot for a dot's width: a lamp stands on its panel, whereas the blue of an LCD showing
    /// through the loop of a "p" is part of a vivid background.
    /// </summary>
    private static bool Isolated(RgbRaster image, PixelBox dot)
    {
        var margin = MathF.Max(dot.Width, dot.Height);
        int x0 = Math.Max(0, (int)(dot.X0 - margin)), x1 = Math.Min(image.Width, (int)(dot.X1 + margin));
        int y0 = Math.Max(0, (int)(dot.Y0 - margin)), y1 = Math.Min(image.Height, (int)(dot.Y1 + margin));
        int ring = 0, vivid = 0;
        for (var y = y0; y < y1; y++)
            for (var x = x0; x < x1; x++)
            {
                if (x >= dot.X0 && x < dot.X1 && y >= dot.Y0 && y < dot.Y1) continue;
                ring++;
                if (IsVivid(image.Pixels[y * image.Width + x])) vivid++;
            }
        return vivid <= 0.1 * ring;
    }

    private static bool IsVivid(Rgb24 p)
    {
        int max = Math.Max(p.R, Math.Max(p.G, p.B)), min = Math.Min(p.R, Math.Min(p.G, p.B));
        return max >= 140 && max - min >= 0.5 * max;
    }
}
