using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Airgap.Analytics.Vision.Segments;

/// <summary>
/// Where runs of digits may be in a whole image, found cheaply on a shrunken copy: strong strokes of either
/// polarity, blobs joined into glyphs when they nearly touch (segments of one digit are often separate blobs), and
/// glyphs of similar height side by side joined into runs. Most runs are not digits; the decoder decides.
/// </summary>
internal static class CandidateFinder
{
    /// <summary>Longest side of the shrunken copy searched.</summary>
    public const int WorkingSide = 640;

    /// <summary>Most candidate runs handed to the decoder, largest first.</summary>
    public const int MaxCandidates = 48;

    private const int MaxBlobs = 1500, MinGlyphHeight = 7;

    /// <summary>Candidate boxes in image pixels, largest first.</summary>
    public static List<Rectangle> Find(Image<Rgb24> image, CancellationToken cancellationToken)
    {
        var (work, factor) = GrayPlane.LuminanceShrunk(image, WorkingSide);
        var background = work.BoxMean(Math.Max(8, Math.Min(work.Width, work.Height) / 10));
        var boxes = new List<Rectangle>();
        foreach (var polarity in (ReadOnlySpan<int>)[1, -1])
        {
            cancellationToken.ThrowIfCancellationRequested();
            var contrast = new float[work.Pixels.Length];
            for (var i = 0; i < contrast.Length; i++) contrast[i] = polarity * (work.Pixels[i] - background.Pixels[i]);
            if (StrokeThreshold.Of(contrast, RegionDecoder.MinContrast) is not { } threshold) continue;
            var mask = new bool[contrast.Length];
            for (var i = 0; i < mask.Length; i++) mask[i] = contrast[i] > threshold;
            var blobs = Components.Label(mask, work.Width, work.Height, out _)
                .Where(b => b.Area >= 3 && b.Height <= 0.7 * work.Height && b.Width <= 0.7 * work.Width)
                .OrderByDescending(b => b.Area).Take(MaxBlobs).ToList();
            var glyphs = Join(blobs.Select(b => Rectangle.FromLTRB(b.MinX, b.MinY, b.MaxX + 1, b.MaxY + 1)).ToList(), NearlyTouch)
                .Where(g => g.Height >= MinGlyphHeight).ToList();
            foreach (var run in Join(glyphs, SideBySide))
                if (run.Width <= 16 * run.Height)
                    boxes.Add(Rectangle.FromLTRB(run.Left * factor, run.Top * factor,
                        Math.Min(image.Width, run.Right * factor), Math.Min(image.Height, run.Bottom * factor)));
        }
        var distinct = new List<Rectangle>();
        foreach (var box in boxes.OrderByDescending(b => b.Width * b.Height))
            if (!distinct.Any(d => IntersectionOverUnion(d, box) > 0.7)) distinct.Add(box);
        return distinct.Take(MaxCandidates).ToList();
    }

    private static double IntersectionOverUnion(Rectangle a, Rectangle b)
    {
        var i = Rectangle.Intersect(a, b);
        if (i.Width <= 0 || i.Height <= 0) return 0;
        double inter = i.Width * (double)i.Height;
        return inter / (a.Width * (double)a.Height + b.Width * (double)b.Height - inter);
    }

    /// <summary>Intersection over the smaller of the two areas.</summary>
    public static double Overlap(Rectangle a, Rectangle b)
    {
        var i = Rectangle.Intersect(a, b);
        if (i.Width <= 0 || i.Height <= 0) return 0;
        return i.Width * (double)i.Height / Math.Min(a.Width * (double)a.Height, b.Width * (double)b.Height);
    }

    private static bool NearlyTouch(Rectangle a, Rectangle b)
    {
        double sizeA = Math.Max(a.Width, a.Height), sizeB = Math.Max(b.Width, b.Height);
        // Segments of one digit are of a size; a frame around the display is not part of its digits.
        if (Math.Max(sizeA, sizeB) > 4 * Math.Min(sizeA, sizeB)) return false;
        var reach = 0.3 * Math.Min(sizeA, sizeB);
        return Gap(a.Left, a.Right, b.Left, b.Right) <= reach && Gap(a.Top, a.Bottom, b.Top, b.Bottom) <= reach;
    }

    private static bool SideBySide(Rectangle a, Rectangle b)
    {
        double low = Math.Min(a.Height, b.Height), high = Math.Max(a.Height, b.Height);
        var overlap = Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Top, b.Top);
        return high <= 1.4 * low && overlap >= 0.6 * low && Gap(a.Left, a.Right, b.Left, b.Right) <= 0.8 * high;
    }

    private static int Gap(int a0, int a1, int b0, int b1) => Math.Max(0, Math.Max(a0, b0) - Math.Min(a1, b1));

    /// <summary>Unions of the boxes connected by <paramref name="joined"/> (union-find over all pairs).</summary>
    private static List<Rectangle> Join(List<Rectangle> boxes, Func<Rectangle, Rectangle, bool> joined)
    {
        var parent = Enumerable.Range(0, boxes.Count).ToArray();
        int Root(int i)
        {
            while (parent[i] != i) i = parent[i] = parent[parent[i]];
            return i;
        }
        for (var i = 0; i < boxes.Count; i++)
            for (var j = i + 1; j < boxes.Count; j++)
                if (joined(boxes[i], boxes[j])) parent[Root(i)] = Root(j);
        var unions = new Dictionary<int, Rectangle>();
        for (var i = 0; i < boxes.Count; i++)
        {
            var r = Root(i);
            unions[r] = unions.TryGetValue(r, out var u) ? Rectangle.Union(u, boxes[i]) : boxes[i];
        }
        return unions.Values.ToList();
    }
}
