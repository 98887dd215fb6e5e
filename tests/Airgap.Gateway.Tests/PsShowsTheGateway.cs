using System.Diagnostics;
using System.Text.Json;

namespace Airgap.Gateway.Tests;

public sealed class PsShowsTheGateway
{
    [Fact]
    public async Task Airgap_ps_at_a_gateway_lists_its_workers_and_with_json_prints_the_status()
    {
        using var nats = await NatsServer.StartAsync();
        await using var site = await GatewaySite.StartAsync(nats);
        await site.StartWorkerAsync(parallel: 3);
        await site.WaitForWorkersAsync(1);

        var (code, output, _) = await AirgapAsync("ps", "--url", site.Client.BaseAddress!.ToString());
        var (jsonCode, json, _) = await AirgapAsync("ps", "--url", site.Client.BaseAddress!.ToString(), "--json");

        Assert.Equal(0, code);
        Assert.Contains("1 worker(s)", output);
        Assert.Contains(GatewaySite.Model, output);
        Assert.Contains("0/3", output);
        Assert.Equal(0, jsonCode);
        var worker = JsonDocument.Parse(json).RootElement.GetProperty("gateway").GetProperty("workers")[0];
        Assert.Equal(3, worker.GetProperty("parallel").GetInt32());
    }

    [Fact]
    public async Task Airgap_ps_with_no_server_says_so_in_one_line_and_exits_1()
    {
        var (code, output, error) = await AirgapAsync("ps", "--url", "http://127.0.0.1:9");

        Assert.Equal(1, code);
        Assert.Equal("", output);
        var line = Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("error: no Airgap server answers at http://127.0.0.1:9/", line);
    }

    private static async Task<(int Code, string Out, string Err)> AirgapAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "airgap.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
