namespace Airgap.Analytics.Vision.Segments;

/// <summary>
/// Splits an upright mask into the cells of its tallest row of strokes and reads each: the row is the tallest band
/// of inked rows; cells are runs of inked columns over its upper part (so decimal points, which sit low in the
/// gaps, never join two digits); merged digits are split by the typical digit width; a narrow full-height cell is
/// a "1"; a short wide one in the middle a minus sign; small square blobs at the bottom of a gap are points.
/// </summary>
internal static class DigitRow
{
    /// <summary>The row's glyphs left to right, or an empty list when there is no row of plausible height.</summary>
    public static List<Glyph> Read(UprightMask mask, int minHeight)
    {
        var (top, bottom) = TallestBand(mask);
        var height = bottom - top + 1;
        if (height < minHeight) return [];
        var cells = Cells(mask, top, bottom);
        if (cells.Count == 0) return [];
        var digitWidth = TypicalDigitWidth(cells, height);
        var thickness = StrokeThickness(mask, top, bottom);
        var glyphs = new List<Glyph>();
        foreach (var (x0, x1, cellTop, cellBottom) in cells)
        {
            var cellHeight = cellBottom - cellTop + 1;
            var width = x1 - x0 + 1;
            var middle = (cellTop + cellBottom) / 2.0 - top;
            if (cellHeight >= 0.7 * height)
            {
                if (width < 0.5 * digitWidth)
                {
                    var one = SegmentDecoder.DecodeOne(mask, x0, x1, cellTop, cellBottom);
                    glyphs.Add(new Glyph(one?.Symbol, one?.Confidence ?? 0, x0, x1, cellTop, cellBottom));
                    continue;
                }
                var parts = width > 1.55 * digitWidth ? Math.Max(2, (int)Math.Round((width + 0.15 * height) / (digitWidth + 0.15 * height))) : 1;
                var pitch = (width + 0.15 * height) / parts;
                for (var p = 0; p < parts; p++)
                {
                    var px0 = x0 + (int)Math.Round(p * pitch);
                    var px1 = parts == 1 ? x1 : Math.Min(x1, x0 + (int)Math.Round((p + 1) * pitch - 0.15 * height));
                    var digit = SegmentDecoder.Decode(mask, px0, px1, cellTop, cellBottom);
                    glyphs.Add(new Glyph(digit?.Symbol, digit?.Confidence ?? 0, px0, px1, cellTop, cellBottom));
                }
            }
            else if (cellHeight <= Math.Max(3, 0.3 * height) && middle > 0.3 * height && middle < 0.7 * height
                     && width >= 1.2 * cellHeight && width >= 0.3 * digitWidth)
            {
                glyphs.Add(new Glyph('-', 1, x0, x1, cellTop, cellBottom));
            }
            else
            {
                glyphs.Add(new Glyph(null, 0, x0, x1, cellTop, cellBottom));
            }
        }
        // A minus stands one gap before its number: a cell further off (a narrow "1" sits at the right of its
        // cell) is a dash of something else.
        for (var i = 0; i < glyphs.Count; i++)
            if (glyphs[i].Symbol == '-' && (i + 1 == glyphs.Count || glyphs[i + 1].Symbol is not char next
                || glyphs[i + 1].X0 - glyphs[i].X1 > (next == '1' ? 2.1 : 1.1) * digitWidth))
                glyphs[i] = glyphs[i] with { Symbol = null, Confidence = 0 };
        FindPoints(mask, glyphs, top, bottom, digitWidth, thickness);
        return glyphs;
    }

    /// <summary>
    /// The rows of the digits: the tall blobs (vertical segments, or whole digits) that line up, plus whatever blob
    /// reaches into their rows (the horizontal bars). A label just above or below is left out, however close.
    /// </summary>
    private static (int Top, int Bottom) TallestBand(UprightMask mask)
    {
        var blobs = Components.Label(mask.Ink, mask.Width, mask.Height, out _);
        if (blobs.Count == 0) return (0, -1);
        var tallest = blobs.Max(b => b.Height);
        var tall = blobs.Where(b => b.Height >= 0.55 * tallest).OrderBy(b => b.MinY).ToList();
        // Upper and lower vertical segments are separate blobs one above the other, the middle bar's height apart:
        // a cluster takes in whatever starts within that gap below it.
        var gap = 0.6 * tallest;
        int bestTop = 0, bestBottom = -1, top = tall[0].MinY, bottom = tall[0].MaxY;
        long bestArea = -1, area = 0;
        foreach (var blob in tall.Append(new Blob(0, 0, int.MaxValue, 0, int.MaxValue, 0)))
        {
            if (blob.MinY > bottom + gap)
            {
                if (area > bestArea) (bestTop, bestBottom, bestArea) = (top, bottom, area);
                (top, bottom, area) = (blob.MinY, blob.MaxY, 0);
            }
            bottom = Math.Max(bottom, blob.MaxY);
            area += blob.Area;
        }
        var reach = Math.Max(1, (int)Math.Round(0.05 * (bestBottom - bestTop + 1)));
        int bandTop = bestTop, bandBottom = bestBottom;
        foreach (var b in blobs)
            if (b.MaxY >= bestTop - reach && b.MinY <= bestBottom + reach && b.Height <= 1.2 * (bestBottom - bestTop + 1))
                (bandTop, bandBottom) = (Math.Min(bandTop, b.MinY), Math.Max(bandBottom, b.MaxY));
        return (bandTop, bandBottom);
    }

    private static List<(int X0, int X1, int Top, int Bottom)> Cells(UprightMask mask, int top, int bottom)
    {
        var upperBottom = top + (int)Math.Round(0.72 * (bottom - top));
        var cells = new List<(int, int, int, int)>();
        var x = 0;
        while (x < mask.Width)
        {
            if (mask.Count(x, x, top, upperBottom) == 0)
            {
                x++;
                continue;
            }
            var x0 = x;
            var x1 = x;
            // Gaps narrower than this are the joints between a digit's own segments, not between digits.
            var joint = Math.Max(1, (int)Math.Round(0.06 * (bottom - top + 1)));
            while (x < mask.Width && x - x1 <= joint + 1)
            {
                if (mask.Count(x, x, top, upperBottom) > 0) x1 = x;
                x++;
            }
            x = x1 + 1;
            int cellTop = top, cellBottom = bottom;
            while (cellTop < bottom && mask.Count(x0, x1, cellTop, cellTop) == 0) cellTop++;
            while (cellBottom > cellTop && mask.Count(x0, x1, cellBottom, cellBottom) == 0) cellBottom--;
            cells.Add((x0, x1, cellTop, cellBottom));
        }
        return cells;
    }

    private static double TypicalDigitWidth(List<(int X0, int X1, int Top, int Bottom)> cells, int height)
    {
        var widths = cells.Where(c => c.Bottom - c.Top + 1 >= 0.7 * height && c.X1 - c.X0 + 1 >= 0.3 * height)
            .Select(c => (double)(c.X1 - c.X0 + 1)).Order().ToList();
        if (widths.Count == 0) return 0.55 * height;
        var median = widths[widths.Count / 2];
        // All cells may be merged pairs; a single digit is rarely wider than it is tall.
        return median > 0.9 * height ? Math.Min(widths[0], 0.6 * height) : median;
    }

    private static double StrokeThickness(UprightMask mask, int top, int bottom)
    {
        var runs = new List<int>();
        for (var y = top; y <= bottom; y++)
        {
            var run = 0;
            for (var x = 0; x <= mask.Width; x++)
            {
                if (x < mask.Width && mask.Ink[y * mask.Width + x]) run++;
                else if (run > 0)
                {
                    runs.Add(run);
                    run = 0;
                }
            }
        }
        if (runs.Count == 0) return 1;
        runs.Sort();
        return runs[runs.Count / 2];
    }

    private static void FindPoints(UprightMask mask, List<Glyph> glyphs, int top, int bottom, double digitWidth, double thickness)
    {
        var height = bottom - top + 1;
        var zoneTop = bottom - (int)Math.Round(0.3 * height);
        for (var i = 0; i < glyphs.Count; i++)
        {
            var from = glyphs[i].X1 + 1;
            var to = i + 1 < glyphs.Count ? glyphs[i + 1].X0 - 1 : Math.Min(mask.Width - 1, glyphs[i].X1 + (int)Math.Round(0.6 * digitWidth));
            if (to < from) continue;
            if (mask.Count(from, to, top, zoneTop - 1) > 0) continue;
            // The point is its own blob in the gap's lower part; strokes of the neighbours may reach in beside it.
            int y0 = zoneTop, y1 = Math.Min(mask.Height - 1, bottom + 1), w = to - from + 1, h = y1 - y0 + 1;
            var zone = new bool[w * h];
            for (var y = 0; y < h; y++)
                for (var x = 0; x < w; x++)
                    zone[y * w + x] = mask.Ink[(y0 + y) * mask.Width + from + x];
            foreach (var blob in Components.Label(zone, w, h, out _))
            {
                var square = blob.Width <= 0.5 * digitWidth && blob.Height <= 0.3 * height && blob.Width <= 3 * blob.Height
                             && blob.Height <= 3 * blob.Width && blob.Area >= 0.45 * blob.Width * blob.Height
                             && blob.Area >= Math.Max(3, 0.3 * thickness * thickness);
                if (square && y0 + blob.MaxY >= bottom - 0.15 * height && blob.Area > glyphs[i].DotAfter) glyphs[i].DotAfter = blob.Area;
            }
        }
    }
}
