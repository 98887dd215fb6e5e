using System.Text.Json;

namespace Airgap.Cli.Tests;

public sealed class PullImportsFromPackSources : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    private static string NoServer => $"http://127.0.0.1:{ServeProcess.ClosedPort}";

    // Two signed packs of tiny:test in one folder, as a USB stick would carry them.
    private async Task<string> StickAsync()
    {
        var stick = Path.Combine(_airgap.Root, "stick");
        Directory.CreateDirectory(stick);
        foreach (var version in new[] { "1.0.0", "1.1.0" })
            Directory.Move(await _airgap.SignedPackAsync(version), Path.Combine(stick, $"tiny-{version}"));
        return stick;
    }

    [Fact]
    public async Task Without_a_server_the_highest_version_in_the_configured_sources_is_imported_locally_with_its_phases_on_stderr()
    {
        var stick = await StickAsync();
        File.WriteAllText(Path.Combine(_airgap.Home, "airgap.json"), JsonSerializer.Serialize(new Dictionary<string, string[]> { ["pack_sources"] = [stick] }));
        var url = NoServer;

        var (code, output, error) = await _airgap.RunAsync("pull", "tiny:test", "--url", url, "--json");

        Assert.True(code == 0, error);
        var pulled = JsonDocument.Parse(output).RootElement;
        Assert.Equal("1.1.0", pulled.GetProperty("version").GetString());
        Assert.Contains("llama.cpp loaded it", pulled.GetProperty("validation").GetString());
        var phases = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(':')[0]).Distinct().ToList();
        Assert.Equal(new[] { "pull", "verify", "import" }, phases);
        Assert.StartsWith($"pull: no server answers at {url}/; pulling into this data home\n", error);
        Assert.Contains("import: copying tiny.gguf", error);
        Assert.Contains("import: validating in llama.cpp", error);
        Assert.Contains($"verify: sha256:{pulled.GetProperty("digest").GetString()} matches the manifest", error);
    }

    [Fact]
    public async Task A_version_is_pulled_by_name_at_version_through_a_running_server()
    {
        var stick = await StickAsync();
        await using var serve = await ServeProcess.StartAsync(_airgap, "--pack-source", stick);

        var (code, output, error) = await _airgap.RunAsync("pull", "tiny:test@1.0.0", "--url", serve.Url, "--json");

        Assert.True(code == 0, error);
        var pulled = JsonDocument.Parse(output).RootElement;
        Assert.Equal("tiny:test@1.0.0", pulled.GetProperty("reference").GetString());
        Assert.Equal(serve.Url + "/", pulled.GetProperty("server").GetString());
        Assert.Contains("import: validating in llama.cpp", error);
        var versions = JsonDocument.Parse(await _airgap.OkAsync("models", "list", "--json")).RootElement.EnumerateArray()
            .Where(m => m.GetProperty("name").GetString() == "tiny:test").Select(m => m.GetProperty("version").GetString());
        Assert.Equal(new[] { "1.0.0" }, versions);
    }

    [Fact]
    public async Task A_name_no_source_holds_is_one_line_and_exit_1_and_nothing_is_imported()
    {
        var stick = await StickAsync();

        var (code, _, error) = await _airgap.RunAsync("pull", "tiny:other", "--url", NoServer, "--pack-source", stick);
        Assert.Equal(1, code);
        Assert.EndsWith($"error: model 'tiny:other' not found; available: (no pack of that name in {stick})", error.Trim());

        (code, _, error) = await _airgap.RunAsync("pull", "tiny:test@9.9.9", "--url", NoServer, "--pack-source", stick);
        Assert.Equal(1, code);
        Assert.EndsWith($"error: model 'tiny:test@9.9.9' not found; available: (no pack of that name in {stick})", error.Trim());

        Assert.DoesNotContain(JsonDocument.Parse(await _airgap.OkAsync("models", "list", "--json")).RootElement.EnumerateArray(),
            m => m.GetProperty("name").GetString() == "tiny:test");
    }
}
