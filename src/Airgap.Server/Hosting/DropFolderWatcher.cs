using System.Text;
using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Packs;
using Airgap.Models.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Airgap.Server.Hosting;

/// <summary>
/// Imports packs that appear in the watched folders (a USB mount, a share), with every check of `airgap import`.
/// A pack is imported only once its files are all present at their manifest sizes and unchanged across two scans,
/// so a pack still being copied is never imported half-way. What was handled is kept in the registry (a restart
/// neither retries a refusal nor copies an imported pack again). A folder or pack that cannot be read (a stick
/// pulled, a permission) is logged, audited once, and tried again on the next scan: nothing here stops the server.
/// </summary>
internal sealed partial class DropFolderWatcher(
    ModelImporter importer, ModelRegistry registry, AirgapHome home, ServerOptions options, TimeProvider clock, ILogger<DropFolderWatcher> logger,
    Observability.AirgapMetrics? metrics = null)
    : BackgroundService
{
    private readonly DropFolderLedger _ledger = new(home.RegistryPath, clock);
    private readonly Dictionary<string, string> _lastSeen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _reported = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.WatchInterval, clock);
        do
        {
            foreach (var folder in options.WatchFolders) await ScanAsync(folder, stoppingToken);
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One scan of one watched folder; throws only when cancelled.</summary>
    internal async Task ScanAsync(string folder, CancellationToken cancellationToken)
    {
        List<string> candidates;
        try
        {
            if (!Directory.Exists(folder)) return; // no stick inserted: nothing to report
            candidates = Directory.EnumerateDirectories(folder).Prepend(folder)
                .Where(d => SourceFile.Inspect(Path.Combine(d, PackManifest.FileName)).Kind != SourceFileKind.Missing)
                .ToList();
            Recovered(folder);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Unreadable(folder, e);
            return;
        }
        foreach (var dir in candidates) await ScanPackAsync(dir, cancellationToken);
    }

    /// <summary>Looks at one pack folder (which may have vanished since it was listed); throws only when cancelled.</summary>
    internal async Task ScanPackAsync(string dir, CancellationToken cancellationToken)
    {
        try
        {
            await ConsiderAsync(dir, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Unreadable(dir, e);
        }
    }

    private async Task ConsiderAsync(string dir, CancellationToken cancellationToken)
    {
        var fingerprint = Fingerprint(dir);
        if (_ledger.Contains(fingerprint)) return;
        var settled = _lastSeen.TryGetValue(dir, out var previous) && previous == fingerprint;
        _lastSeen[dir] = fingerprint;
        if (!settled) return;

        ModelPack? pack = null;
        try
        {
            pack = ModelPack.Open(dir);
            if (pack.SignatureText is null) return; // manifest.sig may still be on its way; an unsigned pack is never imported here
        }
        catch (IncompletePackException)
        {
            return; // a copy still under way: look again next scan
        }
        catch (PackException)
        {
            // Complete but bad: the import below refuses it and records why.
        }
        Recovered(dir);
        if (pack is not null && IsRegistered(pack))
        {
            _ledger.Record(fingerprint, dir, $"already registered as {pack.Name}@{pack.Version}");
            return;
        }
        try
        {
            var result = await importer.ImportPackAsync(dir, new ImportOptions(), null, cancellationToken);
            _ledger.Record(fingerprint, dir, $"imported {result.Version.Reference}");
            LogImported(result.Version.Reference, dir);
            metrics?.Imported("drop_folder", "imported");
        }
        catch (IncompletePackException)
        {
            _lastSeen.Remove(dir); // it changed under the import: let it settle again
        }
        catch (Exception e) when (e is not OperationCanceledException and not IOException and not UnauthorizedAccessException)
        {
            if (!Directory.Exists(dir)) return; // the stick was pulled mid-import: not a verdict on the pack
            _ledger.Record(fingerprint, dir, $"refused: {e.Message}");
            LogRefused(dir, e.Message);
            metrics?.Imported("drop_folder", "refused");
        }
    }

    // The manifest's own promise decides: the same name, version and digests are already registered, so nothing is copied.
    private bool IsRegistered(ModelPack pack)
    {
        try
        {
            return registry.Admit(pack.Name, pack.Version, pack.Manifest.Files, allowDowngrade: true) == Admission.AlreadyRegistered;
        }
        catch (RegistryException)
        {
            return false; // different files under a registered version: the import refuses and audits it
        }
    }

    // Names, sizes and write times of everything in the pack folder: any copy still in progress changes it.
    private static string Fingerprint(string dir)
    {
        var text = string.Join(";", new DirectoryInfo(dir).EnumerateFiles()
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => $"{f.Name}:{f.Length}:{f.LastWriteTimeUtc.Ticks}")) + "@" + Path.GetFullPath(dir);
        return Sha256Digest.Of(Encoding.UTF8.GetBytes(text));
    }

    // Logged every time, audited once per place and problem: a scan every few seconds must not flood the trail.
    private void Unreadable(string place, Exception e)
    {
        LogUnreadable(place, e.Message);
        if (_reported.TryGetValue(place, out var last) && last == e.Message) return;
        _reported[place] = e.Message;
        try
        {
            registry.RecordEvent("drop-folder", null, null, $"cannot read {place}: {e.Message}; retrying on each scan");
        }
        catch (Exception auditError) when (auditError is not OperationCanceledException)
        {
            LogUnreadable(home.RegistryPath, auditError.Message);
        }
    }

    private void Recovered(string place) => _reported.Remove(place);

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Reference} from drop folder {Folder}")]
    private partial void LogImported(string reference, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused pack in {Folder}: {Reason}")]
    private partial void LogRefused(string folder, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot read {Place}: {Reason}; retrying on the next scan")]
    private partial void LogUnreadable(string place, string reason);
}
