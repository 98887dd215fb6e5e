using System.Text.Json;

namespace Airgap.Cli.Tests;

public sealed class RunAnswersThroughAServerOrInProcess : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    private static string NoServer => $"http://127.0.0.1:{ServeProcess.ClosedPort}";

    [Fact]
    public async Task A_prompt_is_answered_by_a_running_server_and_json_prints_its_final_response()
    {
        await _airgap.OkAsync("import", await _airgap.SignedPackAsync());
        await using var serve = await ServeProcess.StartAsync(_airgap);

        var (code, output, error) = await _airgap.RunAsync("run", "tiny:test", "Say hello", "--url", serve.Url, "--num-predict", "6", "--seed", "1", "--json");

        Assert.True(code == 0, error);
        Assert.DoesNotContain("in this process", error);
        var final = JsonDocument.Parse(output).RootElement;
        Assert.True(final.GetProperty("done").GetBoolean());
        Assert.Equal("tiny:test", final.GetProperty("model").GetString());
        Assert.Equal("assistant", final.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal(6, final.GetProperty("eval_count").GetInt32());
        Assert.False(string.IsNullOrEmpty(final.GetProperty("message").GetProperty("content").GetString()));
        Assert.Contains("tiny:test", await _airgap.OkAsync("ps", "--url", serve.Url));
    }

    [Fact]
    public async Task Without_a_server_the_engine_runs_in_process_and_says_so_on_stderr()
    {
        await _airgap.OkAsync("import", await _airgap.SignedPackAsync());
        var url = NoServer;

        var (code, output, error) = await _airgap.RunAsync("run", "tiny:test", "Say hello", "--url", url, "--num-predict", "5", "--json");

        Assert.True(code == 0, error);
        Assert.Equal($"no server answers at {url}/; running tiny:test in this process (data home {_airgap.Home})", error.Trim());
        Assert.Equal(5, JsonDocument.Parse(output).RootElement.GetProperty("eval_count").GetInt32());
    }

    [Fact]
    public async Task A_prompt_piped_in_is_answered_once_as_streamed_text()
    {
        await _airgap.OkAsync("import", await _airgap.SignedPackAsync());

        var (code, output, error) = await _airgap.RunAsync("Say hello\n", new Dictionary<string, string> { ["AIRGAP_URL"] = NoServer },
            "run", "tiny:test", "--num-predict", "4");

        Assert.True(code == 0, error);
        Assert.Contains("running tiny:test in this process", error);
        Assert.EndsWith("\n", output);
        Assert.DoesNotContain(">>>", output);
        Assert.False(string.IsNullOrWhiteSpace(output));
    }

    [Fact]
    public async Task A_model_that_is_not_registered_is_one_line_and_exit_1()
    {
        var url = NoServer;
        var (code, _, error) = await _airgap.RunAsync("run", "ghost:model", "hi", "--url", url);

        Assert.Equal(1, code);
        Assert.Equal("error: model 'ghost:model' not found; no models are registered", error.Trim());
    }
}
