using System.Text.Json;

namespace Airgap.Cli.Tests;

public sealed class StopUnloadsFromARunningServer : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    [Fact]
    public async Task A_loaded_model_is_unloaded_and_stopping_it_again_is_a_refusal()
    {
        await _airgap.OkAsync("import", await _airgap.SignedPackAsync());
        await using var serve = await ServeProcess.StartAsync(_airgap);
        await _airgap.OkAsync("run", "tiny:test", "hi", "--url", serve.Url, "--num-predict", "2");
        Assert.Single(JsonDocument.Parse(await _airgap.OkAsync("ps", "--url", serve.Url, "--json")).RootElement.GetProperty("models").EnumerateArray());

        var stopped = JsonDocument.Parse(await _airgap.OkAsync("stop", "tiny:test", "--url", serve.Url, "--json")).RootElement;

        Assert.Equal("tiny:test", stopped.GetProperty("model").GetString());
        Assert.True(stopped.GetProperty("stopped").GetBoolean());
        Assert.Empty(JsonDocument.Parse(await _airgap.OkAsync("ps", "--url", serve.Url, "--json")).RootElement.GetProperty("models").EnumerateArray());
        var (code, _, error) = await _airgap.RunAsync("stop", "tiny:test", "--url", serve.Url);
        Assert.Equal(1, code);
        Assert.Equal($"error: model 'tiny:test' is not loaded at {serve.Url}/: no model is loaded", error.Trim());
    }

    [Fact]
    public async Task Without_a_server_stop_is_one_line_and_exit_1()
    {
        var url = $"http://127.0.0.1:{ServeProcess.FreePort()}";

        var (code, _, error) = await _airgap.RunAsync("stop", "tiny:test", "--url", url);

        Assert.Equal(1, code);
        Assert.StartsWith($"error: no Airgap server answers at {url}/", error.Trim());
        Assert.DoesNotContain('\n', error.Trim());
    }
}
