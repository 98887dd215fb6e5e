using Airgap.Models.Storage;
using Airgap.Server.Hosting;

namespace Airgap.Server.Tests.Jobs;

public sealed class JobSettingsAreCheckedAtStart : IDisposable
{
    private readonly AirgapHome _home = new(Directory.CreateTempSubdirectory("airgap-job-settings-").FullName);

    public void Dispose() => Directory.Delete(_home.Root, recursive: true);

    [Theory]
    [InlineData("""{ "Jobs": { "Parallel": 1025 } }""", "'Jobs:Parallel' must be 0 to 1024, got 1025")]
    [InlineData("""{ "Jobs": { "MaxQueuedPerCaller": 0 } }""", "'Jobs:MaxQueuedPerCaller' must be 1 to 1000000, got 0")]
    [InlineData("""{ "Jobs": { "ResultRetention": "00:00:00" } }""", "'Jobs:ResultRetention' must be 00:00:01 to 365.00:00:00, got 00:00:00")]
    [InlineData("""{ "Jobs": { "MaxBodyBytes": 0 } }""", "'Jobs:MaxBodyBytes' must be 1 to 1073741824, got 0")]
    [InlineData("""{ "Jobs": { "Retention": "01:00:00" } }""", "'Jobs:Retention' is not a setting in section 'Jobs'")]
    public void A_job_setting_out_of_range_or_unknown_stops_the_start_with_one_line_naming_it(string json, string problem)
    {
        File.WriteAllText(Path.Combine(_home.Root, ServerConfigFile.FileName), json);

        var error = Assert.Throws<ArgumentException>(() => AirgapConfiguration.Load(_home, new Dictionary<string, string?>(), new Dictionary<string, string>()));

        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Job_settings_are_read_from_the_environment_form_and_parallel_defaults_to_half_the_inference_slots()
    {
        File.WriteAllText(Path.Combine(_home.Root, ServerConfigFile.FileName), """{ "Jobs": { "ResultRetention": "02:00:00", "MaxQueuedPerCaller": 7 } }""");

        var options = AirgapConfiguration.Load(_home, new Dictionary<string, string?> { ["Inference:Parallel"] = "6" }, new Dictionary<string, string>()).ToServerOptions();

        Assert.Equal(TimeSpan.FromHours(2), options.Jobs.ResultRetention);
        Assert.Equal(7, options.Jobs.MaxQueuedPerCaller);
        Assert.Null(options.Jobs.Parallel);
        Assert.Equal(3, options.Jobs.EffectiveParallel(options.Inference.Parallel));
    }
}
