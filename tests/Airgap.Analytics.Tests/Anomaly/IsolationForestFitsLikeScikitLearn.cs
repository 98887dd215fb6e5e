using Airgap.Analytics.Anomaly;

namespace Airgap.Analytics.Tests.Anomaly;

public sealed class IsolationForestFitsLikeScikitLearn
{
    private static readonly double[][] Rows = GaussianBlob.Inliers(1000, 3, seed: 1);

    [Fact]
    public void The_same_seed_grows_the_same_forest_and_another_seed_another()
    {
        var p = new IsolationForestParameters { RandomState = 7 };
        var first = IsolationForest.Fit(Rows, p).ScoreMany(Rows);
        var again = IsolationForest.Fit(Rows, p).ScoreMany(Rows);
        var other = IsolationForest.Fit(Rows, p with { RandomState = 8 }).ScoreMany(Rows);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [InlineData(1000, 256)]
    [InlineData(100, 100)]
    [InlineData(1, 1)]
    public void Max_samples_auto_is_the_smaller_of_256_and_the_row_count(int rows, int expected) =>
        Assert.Equal(expected, IsolationForest.Fit(Rows[..rows], new IsolationForestParameters { RandomState = 1 }).MaxSamples);

    [Fact]
    public void Max_samples_takes_a_count_capped_at_the_rows_or_a_truncated_fraction()
    {
        Assert.Equal(1000, Fit(new() { MaxSamples = CountOrFraction.Count(5000) }).MaxSamples);
        Assert.Equal(64, Fit(new() { MaxSamples = CountOrFraction.Count(64) }).MaxSamples);
        Assert.Equal(333, Fit(new() { MaxSamples = CountOrFraction.Fraction(0.3333) }).MaxSamples);
        var error = Assert.ThrowsAny<ArgumentException>(() => Fit(new() { MaxSamples = CountOrFraction.Fraction(0.0001) }));
        Assert.Equal("max_samples", error.ParamName);
    }

    [Fact]
    public void Trees_stop_at_depth_ceil_log2_max_samples_and_each_split_leaves_rows_on_both_sides()
    {
        var forest = Fit(new() { MaxSamples = CountOrFraction.Count(100), NEstimators = 20 });
        foreach (var tree in forest.Trees)
        {
            var depth = new int[tree.NodeCount];
            for (var i = 0; i < tree.NodeCount; i++)
            {
                if (tree.Feature[i] < 0)
                {
                    Assert.True(depth[i] == 7 || tree.Size[i] == 1, $"a leaf above the maximum depth holds {tree.Size[i]} rows");
                    continue;
                }
                Assert.True(depth[i] < 7);
                depth[tree.Left[i]] = depth[tree.Right[i]] = depth[i] + 1;
                Assert.True(tree.Size[tree.Left[i]] >= 1 && tree.Size[tree.Right[i]] >= 1);
            }
        }
    }

    [Fact]
    public void A_feature_constant_in_a_node_is_never_split_on()
    {
        var rows = Rows.Select(r => new[] { 5.0, r[0] }).ToArray();
        var forest = IsolationForest.Fit(rows, new IsolationForestParameters { RandomState = 3 });
        Assert.All(forest.Trees.SelectMany(t => t.Feature), f => Assert.NotEqual(0, f));
    }

    [Fact]
    public void Max_features_limits_each_tree_to_a_subset_of_the_features()
    {
        var forest = Fit(new() { MaxFeatures = CountOrFraction.Count(1), NEstimators = 30 });
        Assert.All(forest.Trees, t => Assert.Single(t.Feature.Where(f => f >= 0).Distinct()));
        Assert.Equal(3, forest.Trees.SelectMany(t => t.Feature).Where(f => f >= 0).Distinct().Count());
    }

    [Fact]
    public void Score_samples_is_minus_the_score_and_a_batch_scores_as_one_by_one()
    {
        var many = GaussianBlob.Inliers(IsolationForest.ParallelFromRows + 10, 3, seed: 2);
        var forest = Fit(new() { Bootstrap = true });
        var batch = forest.ScoreMany(many);
        for (var i = 0; i < many.Length; i += 97)
        {
            Assert.Equal(batch[i], forest.Score(many[i]).Score, 12);
            Assert.Equal(-batch[i], forest.ScoreSamples(many[i]), 12);
        }
        Assert.All(batch, s => Assert.InRange(s, 0.0, 1.0));
    }

    [Fact]
    public void Score_samples_is_minus_two_to_the_minus_mean_path_length_over_c_of_max_samples()
    {
        var forest = Fit(new() { MaxSamples = CountOrFraction.Count(200), NEstimators = 30 });
        foreach (var reading in Rows.Take(20).Append([4.0, -4.0, 0.0]))
        {
            var meanPath = forest.Trees.Average(tree =>
            {
                var (node, depth) = (0, 0);
                for (; tree.Feature[node] >= 0; depth++)
                    node = reading[tree.Feature[node]] <= tree.Split[node] ? tree.Left[node] : tree.Right[node];
                return depth + AveragePathLength.Of(tree.Size[node]);
            });
            Assert.Equal(-Math.Pow(2, -meanPath / AveragePathLength.Of(200)), forest.ScoreSamples(reading), 12);
        }
    }

    [Fact]
    public void One_row_per_tree_scores_one_half_as_scikit_learn()
    {
        var forest = Fit(new() { MaxSamples = CountOrFraction.Count(1) });
        Assert.Equal(0.5, forest.Score(Rows[0]).Score);
    }

    [Fact]
    public void Rows_of_different_lengths_or_not_finite_are_refused()
    {
        Assert.Contains("rows[1] has 2 values", Assert.ThrowsAny<ArgumentException>(() => Fit(new(), [[1, 2, 3], [1, 2]])).Message);
        Assert.Contains("NaN", Assert.ThrowsAny<ArgumentException>(() => Fit(new(), [[1, 2, double.NaN]])).Message);
        Assert.ThrowsAny<ArgumentException>(() => Fit(new(), []));
        var forest = Fit(new());
        Assert.Contains("2 values", Assert.ThrowsAny<ArgumentException>(() => forest.Score([1.0, 2.0])).Message);
        Assert.Contains("Infinity", Assert.ThrowsAny<ArgumentException>(() => forest.Score([1.0, 2.0, double.PositiveInfinity])).Message);
    }

    private static IsolationForest Fit(IsolationForestParameters p, double[][]? rows = null) =>
        IsolationForest.Fit(rows ?? Rows, p with { RandomState = 11 });
}
