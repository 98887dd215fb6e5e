using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Airgap.Cli.Tests;

/// <summary>What a new user hits first: every bad setting is one line naming where it came from, and exit 1.</summary>
public sealed class ServeRefusesBadSettingsInOneLine : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public ServeRefusesBadSettingsInOneLine() => Directory.CreateDirectory(_airgap.Home);

    public void Dispose() => _airgap.Dispose();

    private string ConfigPath => Path.Combine(_airgap.Home, "airgap.json");

    private async Task<string> RefusedAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = _airgap.StartInfo(args);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var (output, error) = (await stdout, await stderr);
        Assert.True(process.ExitCode == 1, $"exit {process.ExitCode}: {output}{error}");
        Assert.DoesNotContain("   at ", output + error);
        Assert.DoesNotContain("Exception", output + error);
        Assert.DoesNotContain("System.", output + error);
        var line = error.Trim();
        Assert.DoesNotContain('\n', line);
        return line;
    }

    [Fact]
    public async Task A_listen_address_with_a_malformed_port_is_refused_instead_of_binding_every_interface_on_port_80()
    {
        Assert.Equal("error: command line: '--urls' is refused: 'http://0.0.0.0:8080x' is not a listen address: " +
                     "the port must be a number from 1 to 65535, got '8080x' (example: http://127.0.0.1:8080)",
            await RefusedAsync(null, "serve", "--urls", "http://0.0.0.0:8080x"));
    }

    [Fact]
    public async Task A_port_already_in_use_is_one_line_naming_the_address()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)holder.LocalEndpoint).Port}";

        Assert.Equal($"error: {url}: the port is already in use (another airgap serve?); choose another with --urls or 'urls' in airgap.json",
            await RefusedAsync(null, "serve", "--urls", url));
    }

    [Fact]
    public async Task A_near_miss_key_in_airgap_json_is_refused_with_the_key_it_resembles()
    {
        File.WriteAllText(ConfigPath, """{ "num_paralel": 2 }""");

        Assert.Equal($"error: {ConfigPath}: 'num_paralel' is not a setting; did you mean 'num_parallel'?", await RefusedAsync(null, "serve"));
    }

    [Fact]
    public async Task A_trailing_comma_in_airgap_json_is_refused_with_its_line()
    {
        File.WriteAllText(ConfigPath, "{\n  \"urls\": \"http://127.0.0.1:9000\",\n}\n");

        Assert.Equal($"error: {ConfigPath}:3:1: a trailing comma is not allowed in JSON", await RefusedAsync(null, "serve"));
    }

    [Fact]
    public async Task A_value_of_the_wrong_kind_on_the_command_line_names_the_option_without_dotnet_type_names()
    {
        Assert.Equal("error: command line: '--parallel' must be a whole number, got 'four'", await RefusedAsync(null, "serve", "--parallel", "four"));
    }

    [Fact]
    public async Task A_mistyped_environment_variable_is_refused_with_the_name_it_resembles()
    {
        var environment = new Dictionary<string, string> { ["AIRGAP_Inference__NumParalel"] = "2" };

        Assert.Equal("error: environment: 'AIRGAP_Inference__NumParalel' is not a setting in section 'Inference'; did you mean 'NumParallel'?",
            await RefusedAsync(environment, "serve"));
    }

    [Fact]
    public async Task An_environment_value_out_of_range_is_named_over_a_good_one_in_airgap_json()
    {
        File.WriteAllText(ConfigPath, """{ "num_parallel": 2 }""");
        var environment = new Dictionary<string, string> { ["AIRGAP_Inference__Parallel"] = "0" };

        Assert.Equal("error: environment: 'AIRGAP_Inference__Parallel' must be 1 to 64, got 0", await RefusedAsync(environment, "serve"));
    }

    [Fact]
    public async Task A_mistyped_option_is_one_line_with_the_option_it_resembles_and_exit_2()
    {
        var (code, _, error) = await _airgap.RunAsync("serve", "--parralel", "2");
        Assert.Equal(2, code);
        Assert.Equal("error: unknown option '--parralel' for 'airgap serve'; did you mean '--parallel'?", error.Trim());
    }
}
