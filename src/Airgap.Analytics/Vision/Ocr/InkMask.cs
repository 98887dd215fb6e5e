namespace Airgap.Analytics.Vision.Ocr;

/// <summary>
/// The ink of a rectangle (as <see cref="InkContrast"/> sees it) without specks: groups of touching ink pixels too
/// small to be part of a character. JPEG blocks and sensor noise in photographed screens leave such specks between a
/// number and its small unit, and one speck per column is enough to join them into one run of ink.
/// </summary>
internal sealed class InkMask
{
    private readonly bool[] _ink;
    private readonly int _x0, _y0, _width, _height;

    private InkMask(bool[] ink, int x0, int y0, int width, int height) => (_ink, _x0, _y0, _width, _height) = (ink, x0, y0, width, height);

    /// <summary>
    /// The ink of columns <paramref name="x0"/>..<paramref name="x1"/>, rows <paramref name="y0"/>..<paramref name="y1"/>
    /// (ends exclusive) with groups smaller than <see cref="MinSpeckle"/> dropped; null when it holds no ink.
    /// </summary>
    public static InkMask? Of(RgbRaster image, int x0, int x1, int y0, int y1, double share)
    {
        if (InkContrast.Faint(image, x0, x1, y0, y1, share) is not { } contrast) return null;
        int width = x1 - x0, height = y1 - y0;
        var ink = new bool[width * height];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                ink[y * width + x] = contrast.IsInk(x0 + x, y0 + y);
        DropSpecks(ink, width, height);
        return new InkMask(ink, x0, y0, width, height);
    }

    /// <summary>
    /// The smallest group kept: an eighth of the largest (a unit's degree ring beside its C stays; noise beside a
    /// letter goes), at least 3 pixels and at most what a character a fifth of the box high far exceeds, so one large
    /// graphic cannot wipe out small text.
    /// </summary>
    public static int MinSpeckle(int largest, int height) => Math.Clamp(largest / 8, 3, Math.Max(3, height * height / 300));

    public bool IsInk(int x, int y) => _ink[(y - _y0) * _width + (x - _x0)];

    /// <summary>True when any pixel of column <paramref name="x"/> between rows <paramref name="y0"/> and <paramref name="y1"/> is ink.</summary>
    public bool ColumnHasInk(int x, int y0, int y1)
    {
        for (var y = y0; y < y1; y++)
            if (IsInk(x, y)) return true;
        return false;
    }

    private static void DropSpecks(bool[] ink, int width, int height)
    {
        var seen = new bool[ink.Length];
        var groups = new List<List<int>>();
        var stack = new Stack<int>();
        for (var start = 0; start < ink.Length; start++)
        {
            if (!ink[start] || seen[start]) continue;
            var group = new List<int>();
            groups.Add(group);
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var at = stack.Pop();
                group.Add(at);
                int ax = at % width, ay = at / width;
                for (var dy = -1; dy <= 1; dy++)
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        int nx = ax + dx, ny = ay + dy;
                        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
                        var n = ny * width + nx;
                        if (!ink[n] || seen[n]) continue;
                        seen[n] = true;
                        stack.Push(n);
                    }
            }
        }
        if (groups.Count == 0) return;
        var minSize = MinSpeckle(groups.Max(g => g.Count), height);
        foreach (var group in groups.Where(g => g.Count < minSize))
            foreach (var at in group) ink[at] = false;
    }
}
