using Airgap.Models.Storage;
using Airgap.Server.Hosting;

namespace Airgap.Server.Tests;

public sealed class ServerConfigFileIsReadAndChecked : IDisposable
{
    private readonly AirgapHome _home = new(Directory.CreateTempSubdirectory("airgap-config-").FullName);

    public void Dispose() => Directory.Delete(_home.Root, recursive: true);

    private void WriteConfig(string json) => File.WriteAllText(Path.Combine(_home.Root, ServerConfigFile.FileName), json);

    [Fact]
    public void Watch_folders_and_urls_come_from_airgap_json_unless_the_command_line_names_them()
    {
        WriteConfig("""{ "urls": "http://127.0.0.1:9999", "watch": ["usb"], "watch_interval_seconds": 2 }""");

        var fromFile = ServerConfigFile.Read(_home).Apply(new ServerConfigFile(), _home.Root);
        Assert.Equal("http://127.0.0.1:9999", fromFile.Urls);
        Assert.Equal([Path.Combine(_home.Root, "usb")], fromFile.WatchFolders);
        Assert.Equal(TimeSpan.FromSeconds(2), fromFile.WatchInterval);

        var overridden = ServerConfigFile.Read(_home).Apply(new ServerConfigFile(Urls: "http://127.0.0.1:7000", Watch: ["/mnt/share"]), _home.Root);
        Assert.Equal("http://127.0.0.1:7000", overridden.Urls);
        Assert.Equal(["/mnt/share"], overridden.WatchFolders);
    }

    [Fact]
    public void Inference_limits_and_api_keys_come_from_airgap_json()
    {
        WriteConfig("""{ "num_parallel": 2, "num_ctx": 8192, "max_loaded": 1, "api_keys": ["0123456789abcdef:admin"] }""");

        var options = ServerConfigFile.Read(_home).Apply(new ServerConfigFile(Parallel: 3), _home.Root);

        Assert.Equal(3, options.Inference.Parallel);
        Assert.Equal(8192, options.Inference.ContextLength);
        Assert.Equal(1, options.Inference.MaxLoadedModels);
        Assert.Equal(new ApiKey("0123456789abcdef", ApiKey.Admin), Assert.Single(options.ApiKeys));
    }

    [Fact]
    public void Without_airgap_json_the_server_binds_to_loopback_8080()
    {
        Assert.Equal("http://127.0.0.1:8080", ServerConfigFile.Read(_home).Apply(new ServerConfigFile(), _home.Root).Urls);
    }

    [Theory]
    [InlineData("""{ "wacth": ["usb"] }""", "wacth")]
    [InlineData("""{ "watch": "usb" }""", "$.watch")]
    [InlineData("""{ "watch_interval_seconds": -1 }""", "watch_interval_seconds must be between")]
    [InlineData("""{ "num_parallel": 0 }""", "num_parallel must be 1 to 64")]
    [InlineData("""{ "api_keys": ["short"] }""", "at least 16 characters")]
    public void A_bad_airgap_json_is_refused_naming_the_field(string json, string expected)
    {
        WriteConfig(json);

        var error = Assert.Throws<ArgumentException>(() => ServerConfigFile.Read(_home));

        Assert.Contains(ServerConfigFile.FileName, error.Message);
        Assert.Contains(expected, error.Message);
    }
}

public sealed class ListenAddressesAreClassified
{
    [Theory]
    [InlineData("http://127.0.0.1:8080", true)]
    [InlineData("http://localhost:8080", true)]
    [InlineData("http://[::1]:8080", true)]
    [InlineData("http://127.0.0.1:8080;http://[::1]:8080", true)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://*:8080", false)]
    [InlineData("http://+:8080", false)]
    [InlineData("http://127.0.0.1:8080;http://10.1.2.3:8080", false)]
    public void Only_loopback_addresses_count_as_loopback(string urls, bool loopback) =>
        Assert.Equal(loopback, AirgapServer.LoopbackOnly(urls));
}
