namespace Airgap.Analytics.Vision.Reading;

/// <summary>
/// Finds gauge scales, bar-graph scales and chart axes: bare numbers of one text size, near each other, whose values
/// step evenly (0 120 240 360 …). They are marked ignored so they are never read as readings nor block a label.
/// </summary>
public static class ScaleTicks
{
    public static void Mark(IReadOnlyList<Piece> pieces)
    {
        var bare = pieces.Where(p => p.Kind == PieceKind.Value && p.Unit.Length == 0 && p.Label.Length == 0).ToList();
        // A bar graph's scale number read with its tick mark ("1000-", "600–") is a tick however few of the others OCR read;
        // a meter's big reading with a trailing minus is not.
        var biggest = pieces.Where(p => p.Kind == PieceKind.Value).Select(p => p.Box.Height).DefaultIfEmpty(0).Max();
        foreach (var tick in bare.Where(p => p.Text.TrimEnd() is [.., '-' or '–'] && p.Box.Height < 0.6f * biggest)) tick.Kind = PieceKind.Ignored;
        foreach (var group in Clusters(bare))
        {
            var ticks = Stepped(group).ToList();
            // A gauge's big reading sits among its ticks and can join the scales of neighbouring gauges, and the
            // readings of tiles beside them, into one group that steps evenly nowhere: without the numbers clearly
            // bigger than the group's own, each scale stands apart again.
            if (ticks.Count == 0)
            {
                var h = Piece.MedianHeight(group);
                var small = group.Where(p => p.Box.Height <= 1.5f * h).ToList();
                if (small.Count < group.Count) ticks = Clusters(small).SelectMany(Stepped).ToList();
            }
            foreach (var p in ticks) p.Kind = PieceKind.Ignored;
        }
        // Axes and bar-graph scales space their ticks wider than a gauge does, but line them up: a column of numbers
        // ending at one x, or a row at one height.
        foreach (var axis in Aligned(bare.Where(p => p.Kind == PieceKind.Value).ToList()))
            foreach (var p in Stepped(axis)) p.Kind = PieceKind.Ignored;
    }

    /// <summary>The numbers in groups of ones near each other at a like size.</summary>
    private static List<List<Piece>> Clusters(List<Piece> bare)
    {
        var cluster = new int[bare.Count];
        Array.Fill(cluster, -1);
        var next = 0;
        for (var i = 0; i < bare.Count; i++)
        {
            if (cluster[i] >= 0) continue;
            var members = new Stack<int>([i]);
            cluster[i] = next;
            while (members.Count > 0)
            {
                var a = bare[members.Pop()];
                for (var j = 0; j < bare.Count; j++)
                    if (cluster[j] < 0 && Near(a, bare[j]))
                    {
                        cluster[j] = next;
                        members.Push(j);
                    }
            }
            next++;
        }
        return Enumerable.Range(0, next).Select(c => bare.Where((_, i) => cluster[i] == c).ToList()).ToList();
    }

    private static IEnumerable<List<Piece>> Aligned(List<Piece> bare)
    {
        foreach (var p in bare)
        {
            var h = p.Box.Height;
            yield return bare.Where(q => MathF.Abs(q.Box.X1 - p.Box.X1) < 0.6f * h && MathF.Abs(q.Box.Height - h) < 0.5f * h).ToList();
            yield return bare.Where(q => MathF.Abs(q.Box.CenterY - p.Box.CenterY) < 0.3f * h && MathF.Abs(q.Box.Height - h) < 0.5f * h).ToList();
        }
    }

    private static bool Near(Piece a, Piece b)
    {
        var h = MathF.Max(a.Box.Height, b.Box.Height);
        if (MathF.Min(a.Box.Height, b.Box.Height) < 0.4f * h) return false;
        var dx = MathF.Max(0, MathF.Max(a.Box.X0, b.Box.X0) - MathF.Min(a.Box.X1, b.Box.X1));
        var dy = MathF.Max(0, MathF.Max(a.Box.Y0, b.Box.Y0) - MathF.Min(a.Box.Y1, b.Box.Y1));
        return dx * dx + dy * dy < 36 * h * h;
    }

    /// <summary>
    /// The members of a cluster that lie on one even step (0, 120, 240 …), when at least three distinct values do; a
    /// misread tick or a reading that happens to sit among them stays out.
    /// </summary>
    private static IEnumerable<Piece> Stepped(List<Piece> group)
    {
        var distinct = group.Select(p => p.Value).Distinct().Order().ToList();
        if (distinct.Count < 3) return [];
        var common = distinct.Zip(distinct.Skip(1), (a, b) => Math.Round(b - a, 6)).GroupBy(d => d).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First();
        // A scale repeats its step; readings that happen to sit near each other do not.
        if (common.Count() < 2 || common.Key <= 0) return [];
        var step = common.Key;
        double Offset(double v) => Math.Round(((v % step) + step) % step, 6);
        var offset = group.GroupBy(p => Offset(p.Value)).OrderByDescending(g => g.Count()).First().Key;
        var onStep = group.Where(p => Offset(p.Value) == offset).ToList();
        var values = onStep.Select(p => p.Value).Distinct().Count();
        return values >= 3 && values * 2 >= distinct.Count ? onStep : [];
    }
}
