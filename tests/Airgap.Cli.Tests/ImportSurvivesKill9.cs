using System.Diagnostics;
using System.Text.Json;
using Airgap.Models.Import;

namespace Airgap.Cli.Tests;

/// <summary>
/// kill -9 at each named stage of an import, reached through the test-only pause hook (AIRGAP_TEST_PAUSE_AT), so every
/// kill is known to have landed mid-import with that stage's leftovers on disk; the next import clears them.
/// </summary>
public sealed class ImportSurvivesKill9 : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    private string Blobs => Path.Combine(_airgap.Home, "blobs");
    private string Temp => Path.Combine(_airgap.Home, "tmp");
    private string Orphans => Path.Combine(Temp, "orphans");

    [Theory]
    [InlineData(ImportStage.Staging, "tmp", 0)]
    [InlineData(ImportStage.Staged, "tmp", 0)]
    [InlineData(ImportStage.Committed, "blob", 0)]
    [InlineData(ImportStage.Validated, "blob", 0)]
    [InlineData(ImportStage.Registered, "registered", 1)]
    public async Task A_kill_at_each_stage_leaves_a_consistent_registry_whose_leftovers_the_next_import_clears(
        string stage, string leftover, int versionsAfterKill)
    {
        var pack = await _airgap.SignedPackAsync();

        await KillImportAtAsync(pack, stage);

        // The kill landed mid-import: the stage's own leftovers are there, and the registry is consistent.
        Assert.Equal(versionsAfterKill, JsonDocument.Parse(await _airgap.OkAsync("models", "list", "--json")).RootElement.EnumerateArray()
            .Count(m => !m.GetProperty("built_in").GetBoolean()));
        Assert.Equal(leftover == "tmp" ? 1 : 0, Directory.GetFiles(Temp, "*.partial").Length);
        Assert.Equal(leftover == "tmp" ? 0 : 1, Directory.GetFiles(Blobs).Length);
        Assert.Contains("audit trail intact", await _airgap.OkAsync("audit", "verify"));

        await _airgap.OkAsync("import", pack);

        Assert.Empty(Directory.GetFiles(Temp));
        Assert.Single(Directory.GetFiles(Blobs));
        Assert.Equal(leftover == "blob" ? 1 : 0, Directory.Exists(Orphans) ? Directory.GetFiles(Orphans).Length : 0);
        Assert.Contains("1 file(s) checked, 0 corrupt", await _airgap.OkAsync("models", "verify"));
        Assert.Contains("audit trail intact", await _airgap.OkAsync("audit", "verify"));
    }

    private async Task KillImportAtAsync(string pack, string stage)
    {
        var start = _airgap.StartInfo("import", pack);
        start.Environment[ImportStage.PauseVariable] = stage;
        using var import = Process.Start(start)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            string? line;
            do line = await import.StandardError.ReadLineAsync(timeout.Token);
            while (line is not null && line != $"paused at {stage}");
            Assert.True(line is not null, $"the import ended without reaching {stage}");
        }
        finally
        {
            import.Kill(entireProcessTree: true);
            await import.WaitForExitAsync();
        }
    }
}
