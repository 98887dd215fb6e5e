namespace Airgap.Analytics.Anomaly;

/// <summary>
/// One isolation tree as flat arrays indexed by node (the root is node 0, a node's children come after it): the
/// feature split on (-1 at a leaf), the split value (rows with value ≤ it go left), the two children (-1 at a leaf)
/// and the training rows that reached the node. Grown like scikit-learn's ExtraTreeRegressor with max_features=1:
/// at each node a feature drawn at random among those not constant there, a split drawn uniformly between the
/// node's min and max of it, down to one row or the maximum depth.
/// </summary>
internal sealed class IsolationTree(int[] feature, double[] split, int[] left, int[] right, int[] size)
{
    /// <summary>Below this spread a feature counts as constant in a node (scikit-learn's FEATURE_THRESHOLD).</summary>
    public const double ConstantSpread = 1e-7;

    public int[] Feature { get; } = feature;
    public double[] Split { get; } = split;
    public int[] Left { get; } = left;
    public int[] Right { get; } = right;
    public int[] Size { get; } = size;
    public int NodeCount => Feature.Length;

    /// <summary>Grows a tree on the rows whose indices <paramref name="sample"/> holds (reordered in place).</summary>
    public static IsolationTree Grow(IReadOnlyList<double[]> rows, int[] sample, int[] features, int maxDepth, Random random)
    {
        var feature = new List<int>();
        var split = new List<double>();
        var left = new List<int>();
        var right = new List<int>();
        var size = new List<int>();
        void AddNode(int rowCount)
        {
            feature.Add(-1);
            split.Add(0);
            left.Add(-1);
            right.Add(-1);
            size.Add(rowCount);
        }

        var candidates = new int[features.Length];
        var pending = new Stack<(int Node, int Start, int End, int Depth)>();
        AddNode(sample.Length);
        pending.Push((0, 0, sample.Length, 0));
        while (pending.TryPop(out var at))
        {
            if (at.Depth >= maxDepth || at.End - at.Start < 2) continue;
            if (!DrawSplit(rows, sample, at.Start, at.End, features, candidates, random, out var chosen, out var value)) continue;
            var middle = Partition(rows, sample, at.Start, at.End, chosen, value);
            feature[at.Node] = chosen;
            split[at.Node] = value;
            left[at.Node] = feature.Count;
            right[at.Node] = feature.Count + 1;
            AddNode(middle - at.Start);
            AddNode(at.End - middle);
            pending.Push((right[at.Node], middle, at.End, at.Depth + 1));
            pending.Push((left[at.Node], at.Start, middle, at.Depth + 1));
        }
        return new IsolationTree([.. feature], [.. split], [.. left], [.. right], [.. size]);
    }

    // Features are drawn without replacement until one is not constant in the node, as scikit-learn's RandomSplitter.
    private static bool DrawSplit(IReadOnlyList<double[]> rows, int[] sample, int start, int end, int[] features, int[] candidates,
        Random random, out int chosen, out double value)
    {
        features.CopyTo(candidates, 0);
        for (var remaining = candidates.Length; remaining > 0; remaining--)
        {
            var pick = random.Next(remaining);
            chosen = candidates[pick];
            var (min, max) = (double.PositiveInfinity, double.NegativeInfinity);
            for (var i = start; i < end; i++)
            {
                var x = rows[sample[i]][chosen];
                min = Math.Min(min, x);
                max = Math.Max(max, x);
            }
            if (max > min + ConstantSpread)
            {
                value = min + random.NextDouble() * (max - min);
                if (value == max) value = min; // keeps the largest row on the right, so neither side is empty
                return true;
            }
            candidates[pick] = candidates[remaining - 1];
        }
        (chosen, value) = (-1, 0);
        return false;
    }

    private static int Partition(IReadOnlyList<double[]> rows, int[] sample, int start, int end, int feature, double value)
    {
        var (low, high) = (start, end - 1);
        while (low <= high)
        {
            if (rows[sample[low]][feature] <= value) low++;
            else
            {
                (sample[low], sample[high]) = (sample[high], sample[low]);
                high--;
            }
        }
        return low;
    }
}
