using Airgap.Models.Import;
using Airgap.Models.Packs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Airgap.Server.Hosting;

/// <summary>
/// Imports packs that appear in the watched folders (a USB mount, a share), with every check of `airgap import`.
/// A pack is imported only once its files are all present at their manifest sizes and unchanged across two scans,
/// so a pack still being copied is never imported half-way; each settled pack is tried once.
/// </summary>
internal sealed partial class DropFolderWatcher(ModelImporter importer, ServerOptions options, TimeProvider clock, ILogger<DropFolderWatcher> logger)
    : BackgroundService
{
    private readonly Dictionary<string, string> _lastSeen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _handled = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.WatchInterval, clock);
        do
        {
            foreach (var folder in options.WatchFolders) await ScanAsync(folder, stoppingToken);
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task ScanAsync(string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder)) return;
        var candidates = Directory.EnumerateDirectories(folder).Prepend(folder)
            .Where(d => File.Exists(Path.Combine(d, PackManifest.FileName)));
        foreach (var dir in candidates)
        {
            var fingerprint = Fingerprint(dir);
            if (fingerprint is null || _handled.Contains(fingerprint)) continue;
            var settled = _lastSeen.TryGetValue(dir, out var previous) && previous == fingerprint;
            _lastSeen[dir] = fingerprint;
            if (!settled || !IsComplete(dir)) continue;
            _handled.Add(fingerprint);
            try
            {
                var result = await importer.ImportPackAsync(dir, new ImportOptions(), null, cancellationToken);
                LogImported(result.Version.Reference, dir);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefused(dir, e.Message);
            }
        }
    }

    // Sizes and write times of everything in the pack folder: any copy still in progress changes it.
    private static string? Fingerprint(string dir)
    {
        try
        {
            return string.Join(";", new DirectoryInfo(dir).EnumerateFiles()
                .OrderBy(f => f.Name, StringComparer.Ordinal)
                .Select(f => $"{f.Name}:{f.Length}:{f.LastWriteTimeUtc.Ticks}")) + "@" + dir;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool IsComplete(string dir)
    {
        try
        {
            ModelPack.Open(dir);
            return File.Exists(Path.Combine(dir, PackManifest.SignatureFileName));
        }
        catch (PackException e) when (e.Message.Contains("incomplete copy") || e.Message.Contains("missing from the pack"))
        {
            return false;
        }
        catch (PackException)
        {
            return true; // complete but bad: let the import refuse it and record why
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Reference} from drop folder {Folder}")]
    private partial void LogImported(string reference, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused pack in {Folder}: {Reason}")]
    private partial void LogRefused(string folder, string reason);
}
