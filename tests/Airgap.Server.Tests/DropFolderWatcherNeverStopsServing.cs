using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;

namespace Airgap.Server.Tests;

public sealed class DropFolderWatcherNeverStopsServing : IDisposable
{
    private readonly DropFolderSite _site = new();

    public void Dispose() => _site.Dispose();

    private static void Fifo(string path)
    {
        File.Delete(path);
        using var process = Process.Start("mkfifo", [path]);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task A_fifo_pack_is_refused_once_and_a_later_pack_is_still_imported()
    {
        var bad = _site.Pack(Path.Combine(_site.DropFolder, "bad"));
        Fifo(Path.Combine(bad, "manifest.json"));
        var watcher = _site.Watcher();

        await DropFolderSite.ScanAsync(watcher, _site.DropFolder);
        _site.Pack(Path.Combine(_site.DropFolder, "good"));
        await DropFolderSite.ScanAsync(watcher, _site.DropFolder, times: 5);

        Assert.Equal("tiny:test@1.0.0", Assert.Single(_site.Registry.List()).Reference);
        var refusal = Assert.Single(_site.Registry.Audit(), e => e.Action == "refuse");
        Assert.Contains("'manifest.json' is a FIFO (named pipe)", refusal.Detail);
    }

    [Fact]
    public async Task A_pack_folder_that_vanished_is_audited_once_and_imported_when_it_returns()
    {
        var watcher = _site.Watcher();
        var stick = Path.Combine(_site.DropFolder, "stick");

        for (var i = 0; i < 3; i++) await watcher.ScanPackAsync(stick, CancellationToken.None);
        var audited = Assert.Single(_site.Registry.Audit(), e => e.Action == "drop-folder");
        Assert.Contains($"cannot read {stick}", audited.Detail);

        _site.Pack(stick);
        await DropFolderSite.ScanAsync(watcher, _site.DropFolder);
        Assert.Single(_site.Registry.List());
        Assert.Equal(0, _site.Count("refuse"));
    }

    [Fact]
    public async Task What_was_imported_is_not_copied_again_after_a_restart()
    {
        var pack = _site.Pack(Path.Combine(_site.DropFolder, "tiny"));
        await DropFolderSite.ScanAsync(_site.Watcher(), _site.DropFolder);
        Assert.Single(_site.Registry.List());
        var audit = _site.Registry.Audit().Count;

        // Were the pack read again, the changed bytes would be a refused digest mismatch.
        DropFolderSite.CorruptKeepingSizeAndTime(Path.Combine(pack, "tiny.gguf"));
        await DropFolderSite.ScanAsync(_site.Watcher(), _site.DropFolder, times: 3);

        Assert.Equal(audit, _site.Registry.Audit().Count);
    }

    [Fact]
    public async Task A_refused_pack_is_not_retried_after_a_restart()
    {
        var bad = _site.Pack(Path.Combine(_site.DropFolder, "bad"));
        File.WriteAllText(Path.Combine(bad, "manifest.sig"), "not base64!");
        await DropFolderSite.ScanAsync(_site.Watcher(), _site.DropFolder);
        Assert.Equal(1, _site.Count("refuse"));

        await DropFolderSite.ScanAsync(_site.Watcher(), _site.DropFolder, times: 3);

        Assert.Equal(1, _site.Count("refuse"));
    }

    [Fact]
    public async Task A_pack_already_registered_is_not_copied_from_another_folder()
    {
        var elsewhere = _site.Pack(Path.Combine(_site.Root, "elsewhere"));
        await _site.Importer.ImportPackAsync(elsewhere, new(), null, CancellationToken.None);
        var copy = Path.Combine(_site.DropFolder, "copy");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(elsewhere)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        DropFolderSite.CorruptKeepingSizeAndTime(Path.Combine(copy, "tiny.gguf"));
        var audit = _site.Registry.Audit().Count;

        await DropFolderSite.ScanAsync(_site.Watcher(), _site.DropFolder, times: 3);

        Assert.Equal(audit, _site.Registry.Audit().Count);
        Assert.Empty(Directory.GetFiles(_site.Home.TempDirectory));
    }

    [Fact]
    public async Task A_socket_as_manifest_does_not_stop_the_server()
    {
        await using var server = await ServerFixture.StartAsync();
        new Airgap.Models.Signing.TrustedKeyStore(server.Home).Trust(Path.ChangeExtension(_site.KeyPath, ".pub"));
        var bad = Directory.CreateDirectory(Path.Combine(server.WatchFolder, "bad")).FullName;
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(Path.Combine(bad, "manifest.json")));
        await Task.Delay(1000); // several scans

        _site.Pack(Path.Combine(server.WatchFolder, "good"));
        var models = 0;
        for (var i = 0; i < 100 && models == 0; i++)
        {
            await Task.Delay(100);
            var tags = JsonDocument.Parse(await server.Client.GetStringAsync("/api/tags")).RootElement;
            // The built-in all-minilm is always listed: count what the drop folder brought.
            models = tags.GetProperty("models").EnumerateArray().Count(m => m.GetProperty("name").GetString() != "all-minilm:latest");
        }

        Assert.Equal(1, models);
        var refusal = Assert.Single(new Airgap.Models.Catalog.ModelRegistry(server.Home.RegistryPath).Audit(), e => e.Action == "refuse");
        Assert.Contains("'manifest.json' is a socket", refusal.Detail);
    }
}
