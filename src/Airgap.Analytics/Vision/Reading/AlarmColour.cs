using Airgap.Analytics.Vision.Ocr;

namespace Airgap.Analytics.Vision.Reading;

/// <summary>
/// How much of a box is alarm-coloured: saturated red, orange, amber or yellow, as warning banners, pills and red
/// alarm text are drawn. Grey unlit lamps and the blue/cyan/green of normal values are not.
/// </summary>
public static class AlarmColour
{
    /// <summary>Share of the box's pixels in alarm colours, 0..1.</summary>
    public static double Share(RgbRaster image, PixelBox box)
    {
        int x0 = Math.Clamp((int)box.X0, 0, image.Width - 1), x1 = Math.Clamp((int)box.X1, x0 + 1, image.Width);
        int y0 = Math.Clamp((int)box.Y0, 0, image.Height - 1), y1 = Math.Clamp((int)box.Y1, y0 + 1, image.Height);
        int hits = 0, total = 0;
        for (var y = y0; y < y1; y++)
        for (var x = x0; x < x1; x++)
        {
            var p = image.Pixels[y * image.Width + x];
            total++;
            if (IsAlarm(p.R, p.G, p.B)) hits++;
        }
        return total == 0 ? 0 : hits / (double)total;
    }

    private static bool IsAlarm(byte r, byte g, byte b)
    {
        int max = Math.Max(r, Math.Max(g, b)), min = Math.Min(r, Math.Min(g, b));
        if (max < 90 || max - min < 0.45 * max || r != max) return false;
        // Hue from red (0°) through amber to yellow (60°), where red is the largest channel.
        var hue = g >= b ? 60.0 * (g - b) / (max - min) : 360 + 60.0 * (g - b) / (max - min);
        return hue <= 62 || hue >= 335;
    }
}
