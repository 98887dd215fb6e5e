using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Packs;
using Airgap.Models.Signing;
using Airgap.Models.Storage;
using Airgap.Models.Synthetic;
using Airgap.Models.Validation;
using Airgap.Server.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Airgap.Server.Tests;

/// <summary>A temp home with a trusted key, a drop folder, and drop-folder watchers over them (a new one is a restart).</summary>
public sealed class DropFolderSite : IDisposable
{
    public DropFolderSite()
    {
        Root = Directory.CreateTempSubdirectory("airgap-drop-").FullName;
        Home = new AirgapHome(Path.Combine(Root, "home"));
        Registry = new ModelRegistry(Home.RegistryPath);
        Importer = new ModelImporter(Home, Registry, new HeaderValidator());
        DropFolder = Directory.CreateDirectory(Path.Combine(Root, "drop")).FullName;
        (KeyPath, var publicPath) = SigningKeys.Create(Path.Combine(Root, "vendor"));
        new TrustedKeyStore(Home).Trust(publicPath);
        ModelPath = Path.Combine(Root, "tiny.gguf");
        SyntheticModelWriter.Write(ModelPath, SyntheticPreset.Tiny);
    }

    public string Root { get; }
    public AirgapHome Home { get; }
    public ModelRegistry Registry { get; }
    public ModelImporter Importer { get; }
    public string DropFolder { get; }
    public string KeyPath { get; }
    public string ModelPath { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    /// <summary>A watcher as `airgap serve` starts it.</summary>
    internal DropFolderWatcher Watcher() =>
        new(Importer, Registry, Home, new ServerOptions { WatchFolders = [DropFolder] }, TimeProvider.System, NullLogger<DropFolderWatcher>.Instance);

    /// <summary>Writes a signed pack of the tiny model into <paramref name="directory"/>.</summary>
    public string Pack(string directory, string version = "1.0.0")
    {
        using var key = SigningKeys.LoadPrivate(KeyPath);
        PackWriter.WriteAsync(directory, new PackRequest(ModelName.Parse("tiny:test"), SemanticVersion.Parse(version), null, null, null),
            [(ModelPath, "tiny.gguf")], key).GetAwaiter().GetResult();
        return directory;
    }

    /// <summary>Scans <paramref name="times"/> times, failing if any scan hangs.</summary>
    internal static async Task ScanAsync(DropFolderWatcher watcher, string folder, int times = 2)
    {
        for (var i = 0; i < times; i++)
            await Task.Run(() => watcher.ScanAsync(folder, CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(20));
    }

    /// <summary>Flips one byte of a file, keeping its size and write time (what a scan fingerprints).</summary>
    public static void CorruptKeepingSizeAndTime(string path)
    {
        var time = File.GetLastWriteTimeUtc(path);
        var bytes = File.ReadAllBytes(path);
        bytes[^10] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
        File.SetLastWriteTimeUtc(path, time);
    }

    public int Count(string action) => Registry.Audit().Count(e => e.Action == action);
}
