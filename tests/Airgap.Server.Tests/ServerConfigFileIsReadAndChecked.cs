using Airgap.Models.Storage;
using Airgap.Server.Hosting;

namespace Airgap.Server.Tests;

public sealed class ServerConfigFileIsReadAndChecked : IDisposable
{
    private static readonly Dictionary<string, string> OptionNames = new()
    {
        ["Urls"] = "--urls", ["Watch"] = "--watch", ["Inference:Parallel"] = "--parallel",
    };

    private readonly AirgapHome _home = new(Directory.CreateTempSubdirectory("airgap-config-").FullName);

    public void Dispose() => Directory.Delete(_home.Root, recursive: true);

    private string ConfigPath => Path.Combine(_home.Root, ServerConfigFile.FileName);

    private void WriteConfig(string json) => File.WriteAllText(ConfigPath, json);

    private AirgapOptions Load(params (string Key, string Value)[] commandLine) =>
        AirgapConfiguration.Load(_home, commandLine.ToDictionary(c => c.Key, c => (string?)c.Value), OptionNames);

    [Fact]
    public void Watch_folders_and_urls_come_from_airgap_json_unless_the_command_line_names_them()
    {
        WriteConfig("""{ "urls": "http://127.0.0.1:9999", "watch": ["usb", "share"], "watch_interval_seconds": 2 }""");

        var fromFile = Load().ToServerOptions();
        Assert.Equal("http://127.0.0.1:9999", fromFile.Urls);
        Assert.Equal([Path.Combine(_home.Root, "usb"), Path.Combine(_home.Root, "share")], fromFile.WatchFolders);
        Assert.Equal(TimeSpan.FromSeconds(2), fromFile.WatchInterval);

        var overridden = Load(("Urls", "http://127.0.0.1:7000"), ("Watch:0", "/mnt/share")).ToServerOptions();
        Assert.Equal("http://127.0.0.1:7000", overridden.Urls);
        Assert.Equal(["/mnt/share"], overridden.WatchFolders);
    }

    [Fact]
    public void The_older_flat_keys_of_airgap_json_still_set_inference_limits_and_api_keys()
    {
        WriteConfig("""{ "num_parallel": 2, "num_ctx": 8192, "max_loaded": 1, "memory_budget_mb": 512, "keep_alive_seconds": -1, "api_keys": ["0123456789abcdef:admin"] }""");

        var options = Load(("Inference:Parallel", "3")).ToServerOptions();

        Assert.Equal(3, options.Inference.Parallel);
        Assert.Equal(8192, options.Inference.ContextLength);
        Assert.Equal(1, options.Inference.MaxLoadedModels);
        Assert.Equal(512L * 1024 * 1024, options.Inference.MemoryBudgetBytes);
        Assert.True(options.Inference.DefaultKeepAlive < TimeSpan.Zero);
        Assert.Equal(ApiKey.Parse("0123456789abcdef:admin"), Assert.Single(options.ApiKeys));
    }

    [Fact]
    public void Every_inference_property_is_a_key_of_the_inference_section()
    {
        WriteConfig("""
            {
              // comments are allowed
              "Inference": { "RequestTimeout": "00:02:30", "BatchSize": 256, "NumParallel": 5, "LoadFailureBackoff": "00:00:10" }
            }
            """);

        var inference = Load().Inference;

        Assert.Equal(TimeSpan.FromSeconds(150), inference.RequestTimeout);
        Assert.Equal(256, inference.BatchSize);
        Assert.Equal(5, inference.Parallel);
        Assert.Equal(TimeSpan.FromSeconds(10), inference.LoadFailureBackoff);
    }

    [Fact]
    public void Without_airgap_json_the_server_binds_to_loopback_8080_with_the_built_in_limits()
    {
        var options = Load().ToServerOptions();

        Assert.Equal("http://127.0.0.1:8080", options.Urls);
        Assert.Equal(new Inference.Scheduling.InferenceOptions(), options.Inference);
    }

    [Theory]
    [InlineData("""{ "wacth": ["usb"] }""", "'wacth' is not a setting; did you mean 'Watch'?")]
    [InlineData("""{ "Inference": { "NumParalel": 2 } }""", "'Inference:NumParalel' is not a setting in section 'Inference'; did you mean 'NumParallel'?")]
    [InlineData("""{ "Inference": { "ContextLenght": 2048 } }""", "'Inference:ContextLenght' is not a setting in section 'Inference'; did you mean 'ContextLength'?")]
    [InlineData("""{ "colour": "blue" }""", "'colour' is not a setting")]
    [InlineData("""{ "watch": "usb" }""", "'watch' must be a list")]
    [InlineData("""{ "urls": ["http://127.0.0.1:8080"] }""", "'urls' must be a single value, not a list or an object")]
    [InlineData("""{ "num_parallel": "four" }""", "'num_parallel' must be a whole number, got 'four'")]
    [InlineData("""{ "num_parallel": 2.5 }""", "'num_parallel' must be a whole number, got '2.5'")]
    [InlineData("""{ "Inference": { "RequestTimeout": "90" } }""", "'Inference:RequestTimeout' must be a duration as [d.]hh:mm:ss, e.g. 00:10:00, got '90'")]
    [InlineData("""{ "num_parallel": 0 }""", "'num_parallel' must be 1 to 64, got 0")]
    [InlineData("""{ "Inference": { "RequestTimeout": "00:00:00" } }""", "'Inference:RequestTimeout' must be 00:00:01 to 7.00:00:00, got 00:00:00")]
    [InlineData("""{ "watch_interval_seconds": -1 }""", "'watch_interval_seconds' must be 00:00:00.1 to 01:00:00, got -00:00:01")]
    [InlineData("""{ "watch_interval_seconds": "soon" }""", "'watch_interval_seconds' must be a number, got 'soon'")]
    [InlineData("""{ "api_keys": ["short"] }""", "'api_keys:0' is refused: an API key must be at least 16 characters")]
    [InlineData("""{ "urls": "http://0.0.0.0:8080x" }""", "'urls' is refused: 'http://0.0.0.0:8080x' is not a listen address")]
    public void A_bad_key_or_value_in_airgap_json_is_one_line_naming_the_file_the_key_and_the_problem(string json, string expected)
    {
        WriteConfig(json);

        var error = Assert.Throws<ArgumentException>(() => Load());

        Assert.True(error.Message.StartsWith($"{ConfigPath}: {expected}", StringComparison.Ordinal), error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain("System.", error.Message);
    }

    [Theory]
    [InlineData("{ \"urls\": \"http://127.0.0.1:9000\", }", ":1:36: a trailing comma is not allowed in JSON")]
    [InlineData("{\n  \"num_parallel\": 2,\n  \"num_parallel\": 3\n}", ": 'num_parallel' is given twice")]
    [InlineData("{ \"urls\": \"http://127.0.0.1:9000\" ", ":1:35: not valid JSON")]
    [InlineData("[1, 2]", ": must be a JSON object of settings")]
    public void A_malformed_airgap_json_is_refused_with_its_line(string json, string expected)
    {
        WriteConfig(json);

        var error = Assert.Throws<ArgumentException>(() => Load());

        Assert.True(error.Message.StartsWith(ConfigPath + expected, StringComparison.Ordinal), error.Message);
        Assert.DoesNotContain("reader options", error.Message);
        Assert.DoesNotContain("LineNumber", error.Message);
    }

    [Fact]
    public async Task A_fifo_as_airgap_json_is_refused_without_waiting_for_a_writer()
    {
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", ConfigPath)) await mkfifo.WaitForExitAsync();
        Assert.True(File.Exists(ConfigPath));

        var error = await Task.Run(() => Assert.Throws<ArgumentException>(() => Load())).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal($"{ConfigPath}: empty or not a regular file; write {{ }} for no settings", error.Message);
    }

    [Fact]
    public void A_bad_command_line_value_names_the_option_that_gave_it()
    {
        WriteConfig("""{ "num_parallel": 2 }""");

        var error = Assert.Throws<ArgumentException>(() => Load(("Inference:Parallel", "65")));

        Assert.Equal("command line: '--parallel' must be 1 to 64, got 65", error.Message);
    }
}
