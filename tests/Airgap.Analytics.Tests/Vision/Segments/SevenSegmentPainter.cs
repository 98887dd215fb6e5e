using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Airgap.Analytics.Tests.Vision.Segments;

/// <summary>
/// Draws a seven-segment display with plain pixel operations (no fonts): rectangular segments with small gaps at the
/// joints, a square decimal point low in the gap after a digit, every cell's unlit segments in a faint ghost colour,
/// the whole display rotated by a few degrees about its centre (2×2 supersampled edges).
/// </summary>
internal sealed record SevenSegmentPainter(Rgb24 Glass, Rgb24 Lit, Rgb24 Ghost, double DigitHeight = 60, double Degrees = 0)
{
    private const int A = 1, B = 2, C = 4, D = 8, E = 16, F = 32, G = 64;

    private static readonly Dictionary<char, int> Patterns = new()
    {
        ['0'] = A | B | C | D | E | F, ['1'] = B | C, ['2'] = A | B | D | E | G, ['3'] = A | B | C | D | G,
        ['4'] = B | C | F | G, ['5'] = A | C | D | F | G, ['6'] = A | C | D | E | F | G, ['7'] = A | B | C,
        ['8'] = A | B | C | D | E | F | G, ['9'] = A | B | C | D | F | G, ['-'] = G, [' '] = 0,
    };

    /// <summary>
    /// Paints <paramref name="shown"/> right-aligned in <paramref name="cells"/> cells with its top-left digit corner at
    /// (<paramref name="left"/>, <paramref name="top"/>) and returns the lit digits' box before rotation.
    /// </summary>
    public int[] Paint(Image<Rgb24> image, string shown, int cells, double left, double top)
    {
        var h = DigitHeight;
        double w = 0.55 * h, t = 0.13 * h, g = 0.025 * h, pitch = w + 0.32 * h;
        var symbols = new List<(char Symbol, bool Point)>();
        foreach (var c in shown)
            if (c == '.') symbols[^1] = (symbols[^1].Symbol, true);
            else symbols.Add((c, false));
        while (symbols.Count < cells) symbols.Insert(0, (' ', false));
        var shapes = new List<(double X0, double Y0, double X1, double Y1, bool Lit)>();
        double litLeft = double.MaxValue, litRight = 0;
        for (var i = 0; i < symbols.Count; i++)
        {
            var x = left + i * pitch;
            var pattern = Patterns[symbols[i].Symbol];
            (double, double, double, double)[] segments =
            [
                (x + t + g, top, x + w - t - g, top + t),
                (x + w - t, top + t / 2 + g, x + w, top + h / 2 - g),
                (x + w - t, top + h / 2 + g, x + w, top + h - t / 2 - g),
                (x + t + g, top + h - t, x + w - t - g, top + h),
                (x, top + h / 2 + g, x + t, top + h - t / 2 - g),
                (x, top + t / 2 + g, x + t, top + h / 2 - g),
                (x + t + g, top + h / 2 - t / 2, x + w - t - g, top + h / 2 + t / 2),
            ];
            for (var s = 0; s < 7; s++)
            {
                var lit = (pattern & (1 << s)) != 0;
                shapes.Add((segments[s].Item1, segments[s].Item2, segments[s].Item3, segments[s].Item4, lit));
                if (lit)
                {
                    litLeft = Math.Min(litLeft, segments[s].Item1);
                    litRight = Math.Max(litRight, segments[s].Item3);
                }
            }
            var px = x + w + 0.16 * h - t / 2;
            shapes.Add((px, top + h - t, px + t, top + h, symbols[i].Point));
        }
        var right = left + symbols.Count * pitch;
        var (cx, cy) = ((left + right) / 2, top + h / 2);
        double sin = Math.Sin(Degrees * Math.PI / 180), cos = Math.Cos(Degrees * Math.PI / 180);
        var glassX0 = left - 0.3 * h;
        var glassX1 = right;
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    double r = 0, gr = 0, b = 0;
                    var inside = 0;
                    for (var sub = 0; sub < 4; sub++)
                    {
                        double sx = x + 0.25 + 0.5 * (sub % 2) - cx, sy = y + 0.25 + 0.5 * (sub / 2) - cy;
                        double u = cos * sx + sin * sy + cx, v = -sin * sx + cos * sy + cy;
                        if (u < glassX0 || u > glassX1 || v < top - 0.3 * h || v > top + 1.3 * h) continue;
                        inside++;
                        var colour = Glass;
                        foreach (var shape in shapes)
                            if (u >= shape.X0 && u < shape.X1 && v >= shape.Y0 && v < shape.Y1)
                                colour = shape.Lit ? Lit : Ghost;
                        (r, gr, b) = (r + colour.R, gr + colour.G, b + colour.B);
                    }
                    if (inside == 0) continue;
                    var p = row[x];
                    row[x] = new Rgb24(
                        (byte)((r + p.R * (4 - inside)) / 4), (byte)((gr + p.G * (4 - inside)) / 4), (byte)((b + p.B * (4 - inside)) / 4));
                }
            }
        });
        return [(int)litLeft, (int)top, (int)Math.Ceiling(litRight), (int)Math.Ceiling(top + h)];
    }
}
