namespace Airgap.Analytics.Vision.Segments;

/// <summary>
/// Lit-stroke pixels after deskewing, with a summed table for rectangle counts. Column <c>x</c> is upright
/// coordinate <c>OriginU + x</c>, row <c>y</c> is <c>OriginV + y</c>.
/// </summary>
internal sealed class UprightMask
{
    private readonly int[] _sums;

    public UprightMask(bool[] ink, int width, int height, double originU, double originV)
    {
        Ink = ink;
        Width = width;
        Height = height;
        OriginU = originU;
        OriginV = originV;
        _sums = new int[(width + 1) * (height + 1)];
        for (var y = 0; y < height; y++)
        {
            var row = 0;
            for (var x = 0; x < width; x++)
            {
                if (ink[y * width + x]) row++;
                _sums[(y + 1) * (width + 1) + x + 1] = _sums[y * (width + 1) + x + 1] + row;
            }
        }
    }

    public bool[] Ink { get; }
    public int Width { get; }
    public int Height { get; }
    public double OriginU { get; }
    public double OriginV { get; }

    /// <summary>Ink pixels in columns [x0, x1] and rows [y0, y1] (inclusive, clipped); 0 when empty.</summary>
    public int Count(int x0, int x1, int y0, int y1)
    {
        x0 = Math.Max(0, x0);
        y0 = Math.Max(0, y0);
        x1 = Math.Min(Width - 1, x1);
        y1 = Math.Min(Height - 1, y1);
        if (x1 < x0 || y1 < y0) return 0;
        var s = Width + 1;
        return _sums[(y1 + 1) * s + x1 + 1] - _sums[y0 * s + x1 + 1] - _sums[(y1 + 1) * s + x0] + _sums[y0 * s + x0];
    }

    /// <summary>The best share of inked pixels along any one row of the rectangle (a horizontal bar's straightness).</summary>
    public double BestRowFill(int x0, int x1, int y0, int y1)
    {
        if (x1 < x0) return 0;
        var best = 0.0;
        for (var y = y0; y <= y1; y++) best = Math.Max(best, Count(x0, x1, y, y) / (double)(x1 - x0 + 1));
        return best;
    }

    /// <summary>The best share of inked pixels along any one column of the rectangle (a vertical bar's straightness).</summary>
    public double BestColumnFill(int x0, int x1, int y0, int y1)
    {
        if (y1 < y0) return 0;
        var best = 0.0;
        for (var x = x0; x <= x1; x++) best = Math.Max(best, Count(x, x, y0, y1) / (double)(y1 - y0 + 1));
        return best;
    }
}
