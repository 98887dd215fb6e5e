using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Airgap.Analytics.Anomaly;

/// <summary>
/// The trees of a forest laid out for scoring: every node of every tree in one array of 20-byte nodes. A leaf points
/// to itself on both sides and carries its whole path length (depth + c(rows there)), so every walk takes exactly
/// the forest's depth in steps with no branch to mispredict, and four walks (four trees for one reading, or one tree
/// for four readings) run interleaved to hide the latency of each step's loads. Beside it, per node, how much stepping
/// into it shortened the path against expectation (see <see cref="IsolationForest"/>), read only for contributions.
/// </summary>
internal sealed class PackedForest
{
    private const int BlockRows = 128;

    private readonly PackedNode[] _nodes;
    private readonly double[] _shortening;
    private readonly int[] _roots;
    private readonly int _featureCount;
    private readonly int _depth;

    public PackedForest(IReadOnlyList<IsolationTree> trees, int featureCount)
    {
        _featureCount = featureCount;
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
                    _nodes[offset + i] = new PackedNode(depth[i] + AveragePathLength.Of(tree.Size[i]), 0, offset + i, 0);
                    _depth = Math.Max(_depth, depth[i]);
                    continue;
                }
                var (left, right) = (tree.Left[i], tree.Right[i]);
                if (tree.Feature[i] >= featureCount || left <= i || right <= i || left >= tree.NodeCount || right >= tree.NodeCount)
                    throw new InvalidOperationException($"tree {t}, node {i}: a feature or child out of range");
                _nodes[offset + i] = new PackedNode(tree.Split[i], tree.Feature[i], offset + left, right - left);
                // Children always come after their parent, so one forward pass sees every depth before it is needed.
                depth[left] = depth[right] = depth[i] + 1;
                var expected = AveragePathLength.Of(tree.Size[i]) - 1.0;
                _shortening[offset + left] = expected - AveragePathLength.Of(tree.Size[left]);
                _shortening[offset + right] = expected - AveragePathLength.Of(tree.Size[right]);
            }
            offset += tree.NodeCount;
        }
    }

    /// <summary>The sum over trees of the reading's path length.</summary>
    public double PathLengthSum(ReadOnlySpan<double> reading)
    {
        CheckLength(reading.Length);
        ref var x = ref MemoryMarshal.GetReference(reading);
        var roots = _roots;
        var sum = 0.0;
        var t = 0;
        for (; t + 4 <= roots.Length; t += 4)
        {
            Walk4(roots[t], roots[t + 1], roots[t + 2], roots[t + 3], ref x, ref x, ref x, ref x, out var a, out var b, out var c, out var d);
            sum += a + b + c + d;
        }
        for (; t < roots.Length; t++)
        {
            Walk4(roots[t], roots[t], roots[t], roots[t], ref x, ref x, ref x, ref x, out var a, out _, out _, out _);
            sum += a;
        }
        return sum;
    }

    /// <summary>The sum over trees of the path length; adds each step's shortening to its split feature's credit.</summary>
    public double PathLengthSum(ReadOnlySpan<double> reading, Span<double> credit)
    {
        CheckLength(reading.Length);
        ref var x = ref MemoryMarshal.GetReference(reading);
        var nodes = _nodes;
        var sum = 0.0;
        foreach (var root in _roots)
        {
            var node = nodes[root];
            while (node.ToRight != 0)
            {
                var next = Step(ref node, ref x);
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
        var block = new double[BlockRows + 3][];
        for (var first = 0; first < sums.Length; first += BlockRows)
        {
            var count = Math.Min(BlockRows, sums.Length - first);
            for (var r = 0; r < count; r++)
            {
                block[r] = rows[start + first + r];
                CheckLength(block[r].Length);
            }
            for (var r = count; r < count + 3; r++) block[r] = block[0]; // pads the last group of four
            var blockSums = sums.Slice(first, count);
            foreach (var root in _roots)
            {
                for (var r = 0; r < count; r += 4)
                {
                    Walk4(root, root, root, root, ref Row(block, r), ref Row(block, r + 1), ref Row(block, r + 2), ref Row(block, r + 3),
                        out var a, out var b, out var c, out var d);
                    blockSums[r] += a;
                    if (r + 1 < count) blockSums[r + 1] += b;
                    if (r + 2 < count) blockSums[r + 2] += c;
                    if (r + 3 < count) blockSums[r + 3] += d;
                }
            }
        }
    }

    private static ref double Row(double[][] block, int r) => ref MemoryMarshal.GetArrayDataReference(block[r]);

    private void CheckLength(int length)
    {
        // What makes the unchecked reads below safe, with the constructor's checks of every child and feature index.
        if (length != _featureCount) throw new ArgumentException($"a reading has {length} values, the forest takes {_featureCount}");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Walk4(int a, int b, int c, int d, ref double xa, ref double xb, ref double xc, ref double xd,
        out double la, out double lb, out double lc, out double ld)
    {
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        for (var step = 0; step < _depth; step++)
        {
            a = Step(ref Unsafe.Add(ref nodes, a), ref xa);
            b = Step(ref Unsafe.Add(ref nodes, b), ref xb);
            c = Step(ref Unsafe.Add(ref nodes, c), ref xc);
            d = Step(ref Unsafe.Add(ref nodes, d), ref xd);
        }
        (la, lb, lc, ld) = (Unsafe.Add(ref nodes, a).Split, Unsafe.Add(ref nodes, b).Split, Unsafe.Add(ref nodes, c).Split, Unsafe.Add(ref nodes, d).Split);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step(ref PackedNode node, ref double reading)
    {
        // Arithmetic on the comparison's bit rather than a choice: the JIT then sets a flag instead of branching at random.
        var right = Unsafe.BitCast<bool, byte>(Unsafe.Add(ref reading, node.Feature) > node.Split);
        return node.Left + (node.ToRight & -right);
    }

    /// <summary>A split (rows ≤ Split go to Left, the others to Left + ToRight) or a leaf (Left itself, ToRight 0, Split its path length).</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private readonly record struct PackedNode(double Split, int Feature, int Left, int ToRight);
}
