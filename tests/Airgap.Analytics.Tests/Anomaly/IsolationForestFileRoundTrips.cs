using Airgap.Analytics.Anomaly;

namespace Airgap.Analytics.Tests.Anomaly;

public sealed class IsolationForestFileRoundTrips
{
    private static readonly double[][] Rows = [.. GaussianBlob.Inliers(500, 4, seed: 3), .. GaussianBlob.Outliers(5, 4, seed: 4)];
    private static readonly IsolationForest Forest =
        IsolationForest.Fit(Rows, new IsolationForestParameters { Contamination = 0.05, RandomState = 9, NEstimators = 50 });

    [Fact]
    public void A_loaded_forest_scores_and_explains_exactly_as_the_saved_one()
    {
        var loaded = IsolationForest.Load(new MemoryStream(Saved()));
        Assert.Equal((Forest.FeatureCount, Forest.MaxSamples, Forest.TreeCount, Forest.Threshold, Forest.Algorithm),
            (loaded.FeatureCount, loaded.MaxSamples, loaded.TreeCount, loaded.Threshold, loaded.Algorithm));
        Assert.Equal(Forest.ScoreMany(Rows), loaded.ScoreMany(Rows));
        Assert.Equal(Forest.Score(Rows[^1]).Contributions, loaded.Score(Rows[^1]).Contributions);
    }

    [Fact]
    public void Every_truncation_is_refused_as_invalid_data()
    {
        var bytes = Saved();
        foreach (var length in new[] { 0, 3, 8, 12, 20, 40, bytes.Length / 2, bytes.Length - 33, bytes.Length - 1 })
            Assert.Throws<InvalidDataException>(() => IsolationForest.Load(new MemoryStream(bytes[..length])));
    }

    [Fact]
    public void A_changed_byte_anywhere_is_refused_as_invalid_data()
    {
        var bytes = Saved();
        for (var at = 0; at < bytes.Length; at += 37)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[at] ^= 0x5A;
            Assert.Throws<InvalidDataException>(() => IsolationForest.Load(new MemoryStream(damaged)));
        }
    }

    [Fact]
    public void A_file_whose_digest_matches_but_whose_tree_points_outside_is_refused()
    {
        var payload = Saved()[20..^32];
        // Node 0 of tree 0 starts after the 20-byte header and the 4-byte node count; its left child is at +12.
        BitConverter.TryWriteBytes(payload.AsSpan(20 + 4 + 12), 1_000_000);
        var error = Assert.Throws<InvalidDataException>(() => IsolationForest.Load(new MemoryStream(Framed(payload))));
        Assert.Contains("tree 0, node 0: children", error.Message);
    }

    private static byte[] Saved()
    {
        var stream = new MemoryStream();
        Forest.Save(stream);
        return stream.ToArray();
    }

    private static byte[] Framed(byte[] payload)
    {
        var stream = new MemoryStream();
        var writer = new BinaryWriter(stream);
        writer.Write("AGISOFOR"u8);
        writer.Write(1);
        writer.Write((long)payload.Length);
        writer.Write(payload);
        writer.Write(System.Security.Cryptography.SHA256.HashData(payload));
        return stream.ToArray();
    }
}
