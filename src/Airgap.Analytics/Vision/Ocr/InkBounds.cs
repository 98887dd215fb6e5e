namespace Airgap.Analytics.Vision.Ocr;

/// <summary>
/// Where the ink is inside a box: pixels that stand out from the box's median brightness, specks left out. Used to fit a crop tightly
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
        CutAtPanelEdge(image, ref x0, ref x1, y0, y1, fromRight);
        TrimSurfaceRows(image, x0, x1, ref y0, ref y1);
        if (InkMask.Of(image, x0, x1, y0, y1, 0.4) is not { } contrast) return null;
        // The edge's ink (the tail of the big digits beside) set how much contrast counts as ink: a small grey unit
        // next to bright digits falls under that bar, so what is past the edge is measured on its own.
        if (SkipEdge(contrast) && x0 < x1)
        {
            if (InkMask.Of(image, x0, x1, y0, y1, 0.4) is not { } rest) return null;
            contrast = rest;
            // Under that lower bar the digits' blurred tail may show again at the new edge: it is skipped as well.
            SkipEdge(contrast);
        }
        if (x0 == x1) return null;
        int first = -1, last = -1, top = int.MaxValue, bottom = -1, blank = 0;
        for (var step = 0; step < x1 - x0; step++)
        {
            var x = fromRight ? x1 - 1 - step : x0 + step;
            if (contrast.ColumnHasInk(x, y0, y1))
            {
                for (var y = y0; y < y1; y++)
                {
                    if (!contrast.IsInk(x, y)) continue;
                    top = Math.Min(top, y);
                    bottom = Math.Max(bottom, y);
                }
                if (first < 0) first = x;
                last = x;
                blank = 0;
            }
            else if (first >= 0 && ++blank >= gap) break;
        }
        if (first < 0 || bottom < top) return null;
        return new PixelBox(Math.Min(first, last), top, Math.Max(first, last) + 1, bottom + 1);

        // Moves the scanned edge past the inked columns touching it; true when there were any.
        bool SkipEdge(InkMask ink)
        {
            var skipped = false;
            for (; x0 < x1 && ink.ColumnHasInk(fromRight ? x1 - 1 : x0, y0, y1); skipped = true)
                if (fromRight) x1--;
                else x0++;
            return skipped;
        }
    }

    /// <summary>
    /// Ends the box where the background itself changes: an LCD window's bezel, the panel's edge, the next tile. Past
    /// it the median of each column stays far from the median where the scan starts for a quarter of the box's height
    /// (a flat surface, not letters), and what lies there (a bright wall beyond a dark bezel) would set the ink's
    /// contrast and bury the unit's.
    /// </summary>
    private static void CutAtPanelEdge(RgbRaster image, ref int x0, ref int x1, int y0, int y1, bool fromRight)
    {
        int width = x1 - x0, height = y1 - y0;
        var run = Math.Max(4, height / 4);
        if (width < 3 * run) return;
        var medians = new int[width];
        var flat = new bool[width];
        var column = new int[height];
        for (var step = 0; step < width; step++)
        {
            var x = fromRight ? x1 - 1 - step : x0 + step;
            for (var y = 0; y < height; y++) column[y] = image.Luma(x, y0 + y);
            Array.Sort(column);
            medians[step] = column[height / 2];
            flat[step] = column[3 * height / 4] - column[height / 4] < PanelStep / 2;
        }
        // The start's background: the tail of the digits beside may cover a few of the first columns.
        var start = medians[..(2 * run)].Order().ElementAt(run);
        // The edge of a surface seen at a slant, or blurred, gives a few columns that are neither: they do not break the run.
        int away = 0, first = -1, between = 0;
        for (var step = 0; step < width; step++)
        {
            // A column across letters as tall as the box is part ink, part background: not flat like a surface. (A
            // column through one thick stroke is flat, but strokes are narrower than a quarter of the box's height.)
            if (flat[step] && Math.Abs(medians[step] - start) > PanelStep)
            {
                if (first < 0) first = step;
                away++;
                between = 0;
            }
            else if (first >= 0 && ++between > Math.Max(2, height / EdgeShare)) (away, first, between) = (0, -1, 0);
            if (away < run) continue;
            // A surface that starts among the first columns is where the strip already lies, not an edge past it.
            if (first < run) return;
            // The slanted or blurred edge itself (a few columns part window, part bezel) goes with the surface it leads to.
            for (var back = 0; first > run && (back < Math.Max(2, height / 16) || (!flat[first - 1] && back < height / 8)); back++) first--;
            if (fromRight) x0 = x1 - first;
            else x1 = x0 + first;
            return;
        }
    }

    /// <summary>
    /// Drops the rows at the top and bottom where the box runs onto another surface (a loose text box reaching over
    /// the bezel above an LCD window, often at a slant): such a row, mostly far from the box's background, would join
    /// every column's ink into one run.
    /// </summary>
    private static void TrimSurfaceRows(RgbRaster image, int x0, int x1, ref int y0, ref int y1)
    {
        int width = x1 - x0, height = y1 - y0;
        if (width < 4 || height < 8) return;
        var rows = new int[height][];
        for (var y = 0; y < height; y++)
        {
            rows[y] = new int[width];
            for (var x = 0; x < width; x++) rows[y][x] = image.Luma(x0 + x, y0 + y);
        }
        var background = rows.SelectMany(r => r).Order().ElementAt(width * height / 2);
        // A surface along the edge makes the edge row's median far from the background (grain does not); its slanted
        // border leaves a shrinking share of far pixels in the rows after it.
        int top = 0, bottom = height, most = height / 3;
        if (Surface(rows[0]))
            while (top < most && Far(rows[top]) >= 0.1) top++;
        if (Surface(rows[^1]))
            while (height - bottom < most && Far(rows[bottom - 1]) >= 0.1) bottom--;
        (y0, y1) = (y0 + top, y0 + bottom);

        bool Surface(int[] row) => Math.Abs(row.Order().ElementAt(row.Length / 2) - background) > PanelStep;
        double Far(int[] row) => row.Count(v => Math.Abs(v - background) > PanelStep) / (double)row.Length;
    }

    /// <summary>A change of background brightness this large is another surface, not shading.</summary>
    private const int PanelStep = 40;

    /// <summary>The slanted or blurred edge between two surfaces may take this share of the box's height in columns (at least 2).</summary>
    private const int EdgeShare = 24;
}
