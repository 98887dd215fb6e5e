using System.Diagnostics;
using System.Text.Json;

namespace Airgap.Cli.Tests;

public sealed class ImportSurvivesKill9 : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    [Fact]
    public async Task Killing_an_import_at_any_point_leaves_a_consistent_registry_that_the_next_import_cleans_up()
    {
        var pack = await _airgap.SignedPackAsync();
        var blobs = Path.Combine(_airgap.Home, "blobs");

        // kill -9 at a spread of moments: before the copy, during staging, once the blob landed (during the
        // child-process validation), and later. Wherever it died, the version is either absent or whole.
        foreach (var delayMs in new[] { 0, 100, 200, 300, 450, 600, 900 })
        {
            foreach (var file in Directory.GetFiles(blobs)) File.Delete(file);
            await _airgap.RunAsync("models", "remove", "tiny:test@1.0.0", "--force");
            using (var import = Process.Start(_airgap.StartInfo("import", pack))!)
            {
                await Task.Delay(delayMs);
                import.Kill(entireProcessTree: true);
                await import.WaitForExitAsync();
            }

            var listed = JsonDocument.Parse(await _airgap.OkAsync("models", "list", "--json")).RootElement.GetArrayLength();
            Assert.Contains("audit trail intact", await _airgap.OkAsync("audit", "verify"));
            if (listed == 1) Assert.Contains("1 file(s) checked, 0 corrupt", await _airgap.OkAsync("models", "verify"));

            await _airgap.OkAsync("import", pack);
            Assert.Contains("1 file(s) checked, 0 corrupt", await _airgap.OkAsync("models", "verify"));
            Assert.Single(Directory.GetFiles(blobs));
            Assert.Empty(Directory.GetFiles(Path.Combine(_airgap.Home, "tmp")));
        }
    }
}
