namespace Airgap.Cli.Tests;

public sealed class ServiceUnitFollowsTheSettings : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    private string Settings(string json)
    {
        var path = Path.Combine(_airgap.Root, "airgap.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public async Task The_unit_admits_localhost_and_the_allowed_subnets_and_nothing_else()
    {
        var config = Settings("""{ "urls": "http://10.20.0.5:8080", "allowedSubnets": ["10.20.0.0/16", "fd00::/8"] }""");

        var unit = await _airgap.OkAsync("service", "unit", "--config", config, "--exec", "/opt/airgap/airgap");

        Assert.Contains("Type=notify", unit);
        Assert.Contains("ExecStart=/opt/airgap/airgap serve", unit);
        Assert.Contains($"Environment=AIRGAP_CONFIG={config}", unit);
        Assert.Contains("ReadWritePaths=/var/lib/airgap", unit);
        Assert.Contains("IPAddressDeny=any", unit);
        Assert.Contains("IPAddressAllow=localhost 10.20.0.0/16 fd00::/8", unit.Split('\n'));
        Assert.Contains("NoNewPrivileges=true", unit.Split('\n'));
    }

    [Fact]
    public async Task Without_a_settings_file_the_unit_admits_localhost_only()
    {
        var unit = await _airgap.OkAsync("service", "unit", "--config", Path.Combine(_airgap.Root, "absent.json"));

        Assert.Contains("IPAddressAllow=localhost", unit.Split('\n'));
    }

    [Fact]
    public async Task A_subnet_that_is_not_cidr_is_one_line_naming_the_file_and_the_value()
    {
        var config = Settings("""{ "allowedSubnets": ["10.20.0.0/99"] }""");

        var (code, output, error) = await _airgap.RunAsync("service", "unit", "--config", config);

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Equal($"error: {config}: AllowedSubnets: '10.20.0.0/99' is not a network in CIDR form, e.g. 10.20.0.0/16", error.Trim());
    }

    [Fact]
    public async Task Serve_refuses_a_subnet_that_is_not_cidr_from_the_file_airgap_config_names()
    {
        var config = Settings("""{ "allowedSubnets": ["plant floor"] }""");
        var start = _airgap.StartInfo("serve");
        start.Environment["AIRGAP_CONFIG"] = config;

        using var process = System.Diagnostics.Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("plant floor", error);
        Assert.Contains("CIDR", error);
    }
}
