using System.ComponentModel.DataAnnotations;

namespace Airgap.Analytics.Tests;

public sealed class AnalyticsOptionsTests
{
    [Fact]
    public void The_defaults_pass_their_own_ranges()
    {
        var options = new AnalyticsOptions();
        var problems = new List<ValidationResult>();
        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true),
            string.Join("; ", problems.Select(p => p.ErrorMessage)));
    }

    [Fact]
    public void Interactive_autocomplete_outranks_batch_log_analysis()
    {
        var options = new AnalyticsOptions();
        Assert.True(options.AutocompletePriority > options.LogPriority);
    }
}
