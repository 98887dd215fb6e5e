namespace Airgap.Analytics.Anomaly;

/// <summary>
/// Isolation Forest (Liu, Ting and Zhou, 2008) with scikit-learn's semantics: trees grown on random subsamples of
/// `max_samples` rows down to depth ceil(log2(max_samples)), each split on a random feature at a uniform value
/// between the node's min and max; a reading's path length in a tree is the depth of its leaf plus c(rows in the
/// leaf). <see cref="ScoreSamples"/> is scikit-learn's `score_samples`, -2^(-E[h]/c(max_samples)); the
/// <see cref="Score(ReadOnlySpan{double})"/> is its opposite, in (0, 1], above 0.5 when paths are shorter than
/// expected. The threshold is 0.5 for contamination "auto", else the training scores' (1 - contamination) quantile.
/// <para>
/// Contributions: stepping from a node of n training rows into a child of m rows changes the expected remaining path
/// from c(n) to 1 + c(m), so that step shortened the path by c(n) - 1 - c(m) (negative when the reading went with the
/// crowd). Each step credits that amount to the feature split on; along a path the amounts add up to c(max_samples)
/// minus the path length, so over all trees a feature's credit is its part in how much shorter than expected the
/// reading's paths were. Features with a net negative credit get 0, the rest are scaled to sum 1 (all 0 when none is
/// positive, which happens only for readings scoring at most 0.5).
/// </para>
/// </summary>
public sealed class IsolationForest : IAnomalyDetector
{
    /// <summary>Above this many rows <see cref="ScoreMany"/> scores blocks of rows in parallel.</summary>
    public const int ParallelFromRows = 4096;

    private const int ParallelBlockRows = 1024;

    private readonly PackedForest _packed;
    private readonly double _normaliser;

    internal IsolationForest(IReadOnlyList<IsolationTree> trees, int featureCount, int maxSamples, double threshold)
        : this(trees, new PackedForest(trees, featureCount), featureCount, maxSamples, threshold)
    {
    }

    private IsolationForest(IReadOnlyList<IsolationTree> trees, PackedForest packed, int featureCount, int maxSamples, double threshold)
    {
        Trees = trees;
        _packed = packed;
        FeatureCount = featureCount;
        MaxSamples = maxSamples;
        Threshold = threshold;
        _normaliser = trees.Count * AveragePathLength.Of(maxSamples);
    }

    /// <inheritdoc />
    public string Algorithm => "isolation-forest";

    /// <inheritdoc />
    public int FeatureCount { get; }

    /// <inheritdoc />
    public double Threshold { get; }

    /// <summary>Training rows per tree as resolved at fit (scikit-learn's `max_samples_`).</summary>
    public int MaxSamples { get; }

    /// <summary>Trees in the forest.</summary>
    public int TreeCount => Trees.Count;

    internal IReadOnlyList<IsolationTree> Trees { get; }

    /// <summary>
    /// Grows a forest on <paramref name="rows"/> (each with the same number of finite values) and sets its threshold.
    /// Throws <see cref="ArgumentException"/> for bad rows or parameters.
    /// </summary>
    public static IsolationForest Fit(IReadOnlyList<double[]> rows, IsolationForestParameters parameters)
    {
        parameters.Validate();
        if (rows.Count == 0) throw new ArgumentException("no rows to fit on", nameof(rows));
        var featureCount = rows[0]?.Length ?? 0;
        if (featureCount == 0) throw new ArgumentException("rows[0]: a row needs at least one value", nameof(rows));
        CheckRows(rows, featureCount, nameof(rows));

        var maxSamples = parameters.MaxSamples is { } m ? Math.Min(m.Of(rows.Count), rows.Count) : Math.Min(256, rows.Count);
        if (maxSamples < 1) throw new ArgumentException($"max_samples: {parameters.MaxSamples} of {rows.Count} rows is no row", "max_samples");
        var maxFeatures = parameters.MaxFeatures.Of(featureCount);
        if (maxFeatures < 1 || maxFeatures > featureCount)
            throw new ArgumentException($"max_features: {parameters.MaxFeatures} of {featureCount} features must give 1 to {featureCount}", "max_features");
        var maxDepth = (int)Math.Ceiling(Math.Log2(Math.Max(maxSamples, 2)));

        var master = new Random(parameters.RandomState ?? Random.Shared.Next());
        var seeds = Enumerable.Range(0, parameters.NEstimators).Select(_ => master.Next()).ToArray();
        var population = Enumerable.Range(0, rows.Count).ToArray();
        var allFeatures = Enumerable.Range(0, featureCount).ToArray();
        var trees = new IsolationTree[seeds.Length];
        for (var t = 0; t < trees.Length; t++)
        {
            var random = new Random(seeds[t]);
            var sample = parameters.Bootstrap
                ? Enumerable.Range(0, maxSamples).Select(_ => random.Next(rows.Count)).ToArray()
                : DrawWithoutReplacement(population, maxSamples, random);
            var features = maxFeatures == featureCount ? allFeatures : DrawWithoutReplacement([.. allFeatures], maxFeatures, random);
            trees[t] = IsolationTree.Grow(rows, sample, features, maxDepth, random);
        }

        var forest = new IsolationForest(trees, featureCount, maxSamples, 0.5);
        if (parameters.Contamination is not { } contamination) return forest;
        var threshold = Percentile(forest.ScoreMany(rows), 1.0 - contamination);
        return new IsolationForest(trees, forest._packed, featureCount, maxSamples, threshold);
    }

    /// <summary>scikit-learn's `score_samples`: -2^(-E[h]/c(max_samples)), in [-1, 0); lower is more anomalous.</summary>
    public double ScoreSamples(ReadOnlySpan<double> reading)
    {
        CheckReading(reading, nameof(reading));
        return -FromPathLengthSum(_packed.PathLengthSum(reading));
    }

    /// <inheritdoc />
    public AnomalyScore Score(ReadOnlySpan<double> reading)
    {
        CheckReading(reading, nameof(reading));
        var contributions = new double[FeatureCount];
        var score = FromPathLengthSum(_packed.PathLengthSum(reading, contributions));
        var total = 0.0;
        for (var f = 0; f < contributions.Length; f++) total += contributions[f] = Math.Max(0.0, contributions[f]);
        if (total > 0) for (var f = 0; f < contributions.Length; f++) contributions[f] /= total;
        return new AnomalyScore(score, Threshold, score > Threshold, contributions);
    }

    /// <summary>The scores (higher is more anomalous) of many readings, in parallel when there are many; no contributions.</summary>
    public double[] ScoreMany(IReadOnlyList<double[]> readings)
    {
        CheckRows(readings, FeatureCount, nameof(readings));
        var scores = new double[readings.Count];
        if (readings.Count < ParallelFromRows) _packed.PathLengthSums(readings, 0, scores);
        else
            Parallel.For(0, (readings.Count + ParallelBlockRows - 1) / ParallelBlockRows, block =>
            {
                var start = block * ParallelBlockRows;
                _packed.PathLengthSums(readings, start, scores.AsSpan(start, Math.Min(ParallelBlockRows, readings.Count - start)));
            });
        for (var i = 0; i < scores.Length; i++) scores[i] = FromPathLengthSum(scores[i]);
        return scores;
    }

    /// <summary>Writes the fitted forest (compact binary with a magic, a version and a digest).</summary>
    public void Save(Stream stream) => IsolationForestFile.Write(this, stream);

    /// <summary>Reads a forest written by <see cref="Save"/>; throws <see cref="InvalidDataException"/> for a truncated or corrupt file.</summary>
    public static IsolationForest Load(Stream stream) => IsolationForestFile.Read(stream);

    // With one row per tree c(max_samples) is 0 and so is every path; scikit-learn then scores 2^-1.
    private double FromPathLengthSum(double sum) => Math.Pow(2.0, _normaliser == 0 ? -1.0 : -sum / _normaliser);

    private void CheckReading(ReadOnlySpan<double> reading, string name)
    {
        if (reading.Length != FeatureCount)
            throw new ArgumentException($"a reading has {reading.Length} values, the detector takes {FeatureCount}", name);
        for (var f = 0; f < reading.Length; f++)
            if (!double.IsFinite(reading[f])) throw new ArgumentException($"value {f} is {reading[f]}, not a finite number", name);
    }

    private static void CheckRows(IReadOnlyList<double[]> rows, int featureCount, string name)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i] ?? throw new ArgumentException($"{name}[{i}] is null", name);
            if (row.Length != featureCount) throw new ArgumentException($"{name}[{i}] has {row.Length} values, expected {featureCount}", name);
            foreach (var value in row)
                if (!double.IsFinite(value)) throw new ArgumentException($"{name}[{i}] holds {value}, not a finite number", name);
        }
    }

    private static int[] DrawWithoutReplacement(int[] pool, int count, Random random)
    {
        // A partial Fisher–Yates shuffle: whatever order earlier draws left, the first count items are a uniform draw.
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, pool.Length);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        return pool[..count];
    }

    // numpy.percentile's default ("linear") interpolation between the two nearest order statistics.
    private static double Percentile(double[] values, double quantile)
    {
        Array.Sort(values);
        var position = quantile * (values.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, values.Length - 1);
        return values[below] + (values[above] - values[below]) * (position - below);
    }
}
