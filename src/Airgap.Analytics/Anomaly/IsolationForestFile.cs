using System.Security.Cryptography;
using System.Text;

namespace Airgap.Analytics.Anomaly;

/// <summary>
/// The file of a fitted <see cref="IsolationForest"/>, little-endian: the magic "AGISOFOR", a version (1), the payload's
/// length, the payload, and its SHA-256. The payload: feature count, max_samples, threshold, tree count, then per tree
/// its node count and per node feature (-1 at a leaf), split, left, right, rows. Reading checks the digest and every
/// index, count and size before anything is built, so a damaged file is an <see cref="InvalidDataException"/>.
/// </summary>
internal static class IsolationForestFile
{
    /// <summary>The largest payload read (bytes): far above 10,000 trees of 256 rows, far below what hurts.</summary>
    public const long MaxPayloadBytes = 1L << 30;

    private const int Version = 1;
    private const int NodeBytes = 4 + 8 + 4 + 4 + 4;
    private const int MaxFeatures = 1 << 20;
    private static readonly byte[] Magic = "AGISOFOR"u8.ToArray();

    public static void Write(IsolationForest forest, Stream stream)
    {
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(forest.FeatureCount);
            writer.Write(forest.MaxSamples);
            writer.Write(forest.Threshold);
            writer.Write(forest.TreeCount);
            foreach (var tree in forest.Trees)
            {
                writer.Write(tree.NodeCount);
                for (var i = 0; i < tree.NodeCount; i++)
                {
                    writer.Write(tree.Feature[i]);
                    writer.Write(tree.Split[i]);
                    writer.Write(tree.Left[i]);
                    writer.Write(tree.Right[i]);
                    writer.Write(tree.Size[i]);
                }
            }
        }
        using var output = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        output.Write(Magic);
        output.Write(Version);
        output.Write(payload.Length);
        output.Write(payload.GetBuffer(), 0, (int)payload.Length);
        output.Write(SHA256.HashData(payload.GetBuffer().AsSpan(0, (int)payload.Length)));
    }

    public static IsolationForest Read(Stream stream)
    {
        try
        {
            using var input = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            if (!input.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic)) throw Corrupt("not an isolation forest file");
            var version = input.ReadInt32();
            if (version != Version) throw Corrupt($"version {version}, this reader knows {Version}");
            var length = input.ReadInt64();
            if (length is < 16 or > MaxPayloadBytes) throw Corrupt($"a payload of {length} bytes");
            var payload = ReadExactly(stream, length);
            var digest = input.ReadBytes(SHA256.HashSizeInBytes);
            if (digest.Length != SHA256.HashSizeInBytes) throw Corrupt("truncated before its digest");
            if (!SHA256.HashData(payload).AsSpan().SequenceEqual(digest)) throw Corrupt("the digest does not match the content");
            return Parse(payload);
        }
        catch (EndOfStreamException)
        {
            throw Corrupt("truncated");
        }
    }

    // Grows with what actually arrives, so a length that lies costs no more memory than the bytes that exist.
    private static byte[] ReadExactly(Stream stream, long length)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (buffer.Length < length)
        {
            var read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, length - buffer.Length));
            if (read == 0) throw Corrupt("truncated");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static IsolationForest Parse(byte[] payload)
    {
        using var reader = new BinaryReader(new MemoryStream(payload, writable: false));
        var featureCount = reader.ReadInt32();
        var maxSamples = reader.ReadInt32();
        var threshold = reader.ReadDouble();
        var treeCount = reader.ReadInt32();
        if (featureCount is < 1 or > MaxFeatures) throw Corrupt($"{featureCount} features");
        if (maxSamples < 1) throw Corrupt($"max_samples {maxSamples}");
        if (!double.IsFinite(threshold)) throw Corrupt($"threshold {threshold}");
        if (treeCount is < 1 or > IsolationForestParameters.MaxEstimators) throw Corrupt($"{treeCount} trees");
        var trees = new IsolationTree[treeCount];
        for (var t = 0; t < treeCount; t++)
        {
            var nodeCount = reader.ReadInt32();
            if (nodeCount < 1 || nodeCount > 2L * maxSamples - 1 || (long)nodeCount * NodeBytes > payload.Length - reader.BaseStream.Position)
                throw Corrupt($"tree {t}: {nodeCount} nodes");
            var tree = new IsolationTree(new int[nodeCount], new double[nodeCount], new int[nodeCount], new int[nodeCount], new int[nodeCount]);
            for (var i = 0; i < nodeCount; i++)
            {
                tree.Feature[i] = reader.ReadInt32();
                tree.Split[i] = reader.ReadDouble();
                tree.Left[i] = reader.ReadInt32();
                tree.Right[i] = reader.ReadInt32();
                tree.Size[i] = reader.ReadInt32();
            }
            CheckTree(tree, featureCount, maxSamples, t);
            trees[t] = tree;
        }
        if (reader.BaseStream.Position != payload.Length) throw Corrupt("bytes after the last tree");
        return new IsolationForest(trees, featureCount, maxSamples, threshold);
    }

    // Children after their parent, each node reached once, sizes that add up: the walk always ends, inside the arrays.
    private static void CheckTree(IsolationTree tree, int featureCount, int maxSamples, int t)
    {
        var parents = new int[tree.NodeCount];
        if (tree.Size[0] != maxSamples) throw Corrupt($"tree {t}: root holds {tree.Size[0]} rows, not {maxSamples}");
        for (var i = 0; i < tree.NodeCount; i++)
        {
            var (feature, left, right) = (tree.Feature[i], tree.Left[i], tree.Right[i]);
            if (tree.Size[i] < 1) throw Corrupt($"tree {t}, node {i}: {tree.Size[i]} rows");
            if (feature == -1)
            {
                if (left != -1 || right != -1) throw Corrupt($"tree {t}, node {i}: a leaf with children");
                continue;
            }
            if (feature < 0 || feature >= featureCount) throw Corrupt($"tree {t}, node {i}: feature {feature}");
            if (!double.IsFinite(tree.Split[i])) throw Corrupt($"tree {t}, node {i}: split {tree.Split[i]}");
            if (left <= i || right <= i || left >= tree.NodeCount || right >= tree.NodeCount || left == right)
                throw Corrupt($"tree {t}, node {i}: children {left} and {right}");
            if (++parents[left] > 1 || ++parents[right] > 1) throw Corrupt($"tree {t}, node {i}: a child with two parents");
            if ((long)tree.Size[left] + tree.Size[right] != tree.Size[i]) throw Corrupt($"tree {t}, node {i}: children's rows do not add up");
        }
        for (var i = 1; i < tree.NodeCount; i++)
            if (parents[i] != 1) throw Corrupt($"tree {t}, node {i}: not reached from the root");
    }

    private static InvalidDataException Corrupt(string problem) => new($"isolation forest file: {problem}");
}
