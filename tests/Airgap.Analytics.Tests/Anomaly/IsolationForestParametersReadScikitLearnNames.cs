using Airgap.Analytics.Anomaly;

namespace Airgap.Analytics.Tests.Anomaly;

public sealed class IsolationForestParametersReadScikitLearnNames
{
    [Fact]
    public void Every_name_and_spelling_is_read_with_its_meaning()
    {
        var p = IsolationForestParameters.FromStrings(new Dictionary<string, string>
        {
            ["n_estimators"] = "200", ["max_samples"] = "0.5", ["contamination"] = "0.05",
            ["max_features"] = "3", ["bootstrap"] = "True", ["random_state"] = "42",
        });
        Assert.Equal(new IsolationForestParameters
        {
            NEstimators = 200, MaxSamples = CountOrFraction.Fraction(0.5), Contamination = 0.05,
            MaxFeatures = CountOrFraction.Count(3), Bootstrap = true, RandomState = 42,
        }, p);
    }

    [Fact]
    public void Nothing_given_means_the_defaults_and_auto_means_null()
    {
        var defaults = IsolationForestParameters.FromStrings(new Dictionary<string, string>());
        Assert.Equal((100, null, null, CountOrFraction.Fraction(1.0), false, null),
            (defaults.NEstimators, defaults.MaxSamples, defaults.Contamination, defaults.MaxFeatures, defaults.Bootstrap, defaults.RandomState));
        var auto = IsolationForestParameters.FromStrings(new Dictionary<string, string>
        {
            ["max_samples"] = "auto", ["contamination"] = "auto", ["random_state"] = "None",
        });
        Assert.Equal(defaults, auto);
    }

    [Fact]
    public void A_whole_number_is_a_count_and_a_decimal_a_fraction_as_in_python()
    {
        Assert.Equal(CountOrFraction.Count(1), Parse("max_samples", "1").MaxSamples);
        Assert.Equal(CountOrFraction.Fraction(1.0), Parse("max_samples", "1.0").MaxSamples);
    }

    [Theory]
    [InlineData("n_estimator", "100", "isolation-forest has no such parameter")]
    [InlineData("n_estimators", "0", "must be an integer in [1, 10000]")]
    [InlineData("n_estimators", "ten", "must be an integer in [1, 10000]")]
    [InlineData("max_samples", "0", "a count must be at least 1")]
    [InlineData("max_samples", "1.5", "a fraction must be in (0, 1]")]
    [InlineData("max_samples", "many", "must be auto, an integer count or a fraction in (0, 1]")]
    [InlineData("contamination", "0.6", "must be auto or a number in (0, 0.5]")]
    [InlineData("contamination", "0", "must be auto or a number in (0, 0.5]")]
    [InlineData("max_features", "-2", "a count must be at least 1")]
    [InlineData("bootstrap", "yes", "must be true or false")]
    [InlineData("random_state", "-1", "must be a non-negative integer or None")]
    public void A_bad_name_or_value_is_refused_naming_the_parameter(string name, string value, string problem)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Parse(name, value));
        Assert.Equal(name, error.ParamName);
        Assert.StartsWith($"parameter {name}: ", error.Message);
        Assert.DoesNotContain("(Parameter", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Values_set_in_code_are_checked_when_fitting()
    {
        double[][] rows = [[1.0], [2.0]];
        Assert.Equal("n_estimators", Assert.ThrowsAny<ArgumentException>(() => IsolationForest.Fit(rows, new() { NEstimators = 0 })).ParamName);
        Assert.Equal("contamination", Assert.ThrowsAny<ArgumentException>(() => IsolationForest.Fit(rows, new() { Contamination = 0.7 })).ParamName);
        Assert.Equal("max_features", Assert.ThrowsAny<ArgumentException>(() => IsolationForest.Fit(rows, new() { MaxFeatures = CountOrFraction.Count(2) })).ParamName);
    }

    private static IsolationForestParameters Parse(string name, string value) =>
        IsolationForestParameters.FromStrings(new Dictionary<string, string> { [name] = value });
}
