using Airgap.Analytics.Anomaly;

namespace Airgap.Analytics.Tests.Anomaly;

public sealed class AveragePathLengthMatchesScikitLearn
{
    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, 0.0)]
    [InlineData(2, 1.0)]
    [InlineData(3, 1.2073924)] // 2(ln 2 + γ) - 4/3, as sklearn's _average_path_length([3])
    [InlineData(256, 10.2447709)]
    public void C_of_n_is_the_average_unsuccessful_search_depth(int n, double expected) =>
        Assert.Equal(expected, AveragePathLength.Of(n), 6);
}
