using Airgap.Analytics.Anomaly;

namespace Airgap.Analytics.Tests.Anomaly;

public sealed class IsolationForestExplainsScores
{
    private static readonly double[][] Rows = GaussianBlob.Inliers(2000, 3, seed: 21);
    private static readonly IsolationForest Forest = IsolationForest.Fit(Rows, new IsolationForestParameters { RandomState = 5 });

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(1)]
    public void A_reading_off_in_one_feature_is_blamed_on_that_feature(int feature)
    {
        var reading = new double[3];
        reading[feature] = 6.0;
        var score = Forest.Score(reading);
        Assert.True(score.IsAnomaly, $"scored {score.Score:0.000}");
        var largest = Array.IndexOf(score.Contributions, score.Contributions.Max());
        Assert.Equal(feature, largest);
        Assert.True(score.Contributions[feature] > 0.5, $"feature {feature} got {score.Contributions[feature]:0.00}");
    }

    [Fact]
    public void Contributions_are_shares_that_sum_to_one()
    {
        foreach (var reading in Rows.Take(50).Append([0, 5, -5]))
        {
            var contributions = Forest.Score(reading).Contributions;
            Assert.Equal(3, contributions.Length);
            Assert.All(contributions, c => Assert.True(c >= 0));
            var sum = contributions.Sum();
            Assert.True(Math.Abs(sum - 1) < 1e-9 || sum == 0, $"contributions sum to {sum}");
        }
    }

    [Fact]
    public void A_reading_off_in_two_features_shares_the_blame_between_them()
    {
        var contributions = Forest.Score([0, 5, -5]).Contributions;
        Assert.True(contributions[1] + contributions[2] > 0.8, string.Join(", ", contributions.Select(c => c.ToString("0.00"))));
        Assert.True(contributions[1] > 0.25 && contributions[2] > 0.25);
    }
}
