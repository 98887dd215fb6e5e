using System.Diagnostics;

namespace Airgap.Cli.Tests;

public sealed class LostOrCorruptRegistryIsOneLine : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    private string Database => Path.Combine(_airgap.Home, "registry.db");

    private async Task<string> RefusedAsync(params string[] args)
    {
        var (code, output, error) = await _airgap.RunAsync(args);
        Assert.True(code == 1, $"exit {code}: {output}{error}");
        var line = error.Trim();
        Assert.DoesNotContain('\n', line);
        return line;
    }

    private void ReplaceDatabase(byte[]? contents)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(Database + suffix);
        if (contents is not null) File.WriteAllBytes(Database, contents);
    }

    [Fact]
    public async Task A_corrupt_registry_db_is_one_line_naming_it_for_every_verb_and_nothing_is_deleted()
    {
        await _airgap.OkAsync("import", await _airgap.SignedPackAsync());
        ReplaceDatabase(System.Text.Encoding.ASCII.GetBytes(new string('x', 8192)));
        var blobs = Directory.GetFiles(Path.Combine(_airgap.Home, "blobs"));

        foreach (var verb in new[] { new[] { "models", "list" }, ["models", "remove", "tiny:test@1.0.0", "--force"], ["audit", "verify"] })
            Assert.StartsWith($"error: {Database} is corrupt or not a registry database", await RefusedAsync(verb));

        Assert.Equal(blobs, Directory.GetFiles(Path.Combine(_airgap.Home, "blobs")));
    }

    [Fact]
    public async Task A_missing_registry_db_in_a_home_with_blobs_is_refused_and_not_recreated()
    {
        await _airgap.OkAsync("import", await _airgap.SignedPackAsync());
        ReplaceDatabase(null);

        var line = await RefusedAsync("import", await _airgap.SignedPackAsync("1.1.0"));

        Assert.Equal($"error: {Database} is missing but blobs/ holds 1 model file(s); restore it from "
            + $"{Path.Combine(_airgap.Home, "backups")}{Path.DirectorySeparatorChar} (nothing was deleted)", line);
        Assert.False(File.Exists(Database));
        Assert.Single(Directory.GetFiles(Path.Combine(_airgap.Home, "blobs")));
    }

    [Fact]
    public async Task Serve_refuses_to_start_on_a_corrupt_registry_with_one_line()
    {
        await _airgap.OkAsync("import", await _airgap.SignedPackAsync());
        ReplaceDatabase(System.Text.Encoding.ASCII.GetBytes(new string('x', 8192)));

        using var serve = Process.Start(_airgap.StartInfo("serve", "--urls", $"http://127.0.0.1:{FreePort()}"))!;
        var stdout = serve.StandardOutput.ReadToEndAsync();
        var stderr = serve.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await serve.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, serve.ExitCode);
        Assert.Equal("", (await stdout).Trim());
        Assert.StartsWith($"error: {Database} is corrupt or not a registry database", (await stderr).Trim());
        Assert.DoesNotContain('\n', (await stderr).Trim());
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
