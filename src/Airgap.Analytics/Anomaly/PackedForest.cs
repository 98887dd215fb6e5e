using System.Runtime.InteropServices;

namespace Airgap.Analytics.Anomaly;

/// <summary>
/// The trees of a forest laid out for scoring: every node of every tree in one array of 20-byte nodes, so a walk
/// touches one cache line per level and allocates nothing. A leaf carries its whole path length (depth + c(rows
/// there)), so a walk ends with one addition. Beside it, per node, how much stepping into it shortened the path
/// against expectation (see <see cref="IsolationForest"/>), read only when contributions are asked for.
/// </summary>
internal sealed class PackedForest
{
    private const int BlockRows = 128;

    private readonly PackedNode[] _nodes;
    private readonly double[] _shortening;
    private readonly int[] _roots;

    public PackedForest(IReadOnlyList<IsolationTree> trees)
    {
        _roots = new int[trees.Count];
        _nodes = new PackedNode[trees.Sum(t => t.NodeCount)];
        _shortening = new double[_nodes.Length];
        var offset = 0;
        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            _roots[t] = offset;
            var depth = new int[tree.NodeCount];
            for (var i = 0; i < tree.NodeCount; i++)
            {
                if (tree.Feature[i] < 0)
                {
                    _nodes[offset + i] = new PackedNode(depth[i] + AveragePathLength.Of(tree.Size[i]), -1, -1, -1);
                    continue;
                }
                var (left, right) = (tree.Left[i], tree.Right[i]);
                _nodes[offset + i] = new PackedNode(tree.Split[i], tree.Feature[i], offset + left, offset + right);
                // Children always come after their parent, so one forward pass sees every depth before it is needed.
                depth[left] = depth[right] = depth[i] + 1;
                var expected = AveragePathLength.Of(tree.Size[i]) - 1.0;
                _shortening[offset + left] = expected - AveragePathLength.Of(tree.Size[left]);
                _shortening[offset + right] = expected - AveragePathLength.Of(tree.Size[right]);
            }
            offset += tree.NodeCount;
        }
    }

    public int TreeCount => _roots.Length;

    /// <summary>The sum over trees of the reading's path length.</summary>
    public double PathLengthSum(ReadOnlySpan<double> reading)
    {
        var nodes = _nodes;
        var sum = 0.0;
        foreach (var root in _roots)
        {
            var node = nodes[root];
            while (node.Feature >= 0) node = nodes[reading[node.Feature] <= node.Split ? node.Left : node.Right];
            sum += node.Split;
        }
        return sum;
    }

    /// <summary>The sum over trees of the path length; adds each step's shortening to its split feature's credit.</summary>
    public double PathLengthSum(ReadOnlySpan<double> reading, Span<double> credit)
    {
        var nodes = _nodes;
        var sum = 0.0;
        foreach (var root in _roots)
        {
            var node = nodes[root];
            while (node.Feature >= 0)
            {
                var next = reading[node.Feature] <= node.Split ? node.Left : node.Right;
                credit[node.Feature] += _shortening[next];
                node = nodes[next];
            }
            sum += node.Split;
        }
        return sum;
    }

    /// <summary>Path-length sums of rows[start..start+sums.Length], tree by tree so a tree stays in cache for a block of rows.</summary>
    public void PathLengthSums(IReadOnlyList<double[]> rows, int start, Span<double> sums)
    {
        sums.Clear();
        var nodes = _nodes;
        Span<double[]> block = new double[Math.Min(BlockRows, sums.Length)][];
        for (var first = 0; first < sums.Length; first += BlockRows)
        {
            var count = Math.Min(BlockRows, sums.Length - first);
            for (var r = 0; r < count; r++) block[r] = rows[start + first + r];
            var blockSums = sums.Slice(first, count);
            foreach (var root in _roots)
            {
                for (var r = 0; r < count; r++)
                {
                    var row = block[r];
                    var node = nodes[root];
                    while (node.Feature >= 0) node = nodes[row[node.Feature] <= node.Split ? node.Left : node.Right];
                    blockSums[r] += node.Split;
                }
            }
        }
    }

    /// <summary>A split (feature ≥ 0; rows ≤ Split go Left) or a leaf (feature -1; Split holds its path length).</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private readonly record struct PackedNode(double Split, int Feature, int Left, int Right);
}
