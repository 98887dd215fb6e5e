using Airgap.Models.Catalog;
using Airgap.Models.Packs;
using Airgap.Models.Signing;
using Airgap.Models.Storage;
using Airgap.Models.Validation;

namespace Airgap.Models.Import;

/// <summary>
/// Imports packs and bare model files: checks the manifest and signature, streams each file into tmp/ while hashing,
/// moves it atomically into blobs/, validates it, backs up the registry and registers the version in one transaction.
/// Any refusal leaves the registry as it was (bar the audit entry that records the refusal).
/// </summary>
public sealed class ModelImporter(AirgapHome home, ModelRegistry registry, IModelValidator validator, TimeProvider? clock = null)
{
    private const int BackupsKept = 10;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly BlobStore _blobs = new(home);
    private readonly OrphanSweep _sweep = new(home, registry, clock ?? TimeProvider.System);

    /// <summary>
    /// Clears what an interrupted import left: tmp/ files are removed, unregistered blobs set aside in tmp/orphans/;
    /// returns how many files went. Throws <see cref="RegistryUnavailableException"/>, touching nothing, when
    /// registry.db is not this home's intact registry.
    /// </summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        registry.EnsureUsable();
        using var held = await ImportLock.AcquireAsync(home, cancellationToken);
        return held.TempFilesRemoved + _sweep.Run();
    }

    /// <summary>Removes NAME@VERSION and deletes the blobs no other version uses; returns how many were deleted.</summary>
    public async Task<int> RemoveAsync(Naming.ModelName name, string version, bool force, CancellationToken cancellationToken)
    {
        using var held = await LockAsync(cancellationToken);
        var orphans = registry.Remove(name, version, force);
        foreach (var digest in orphans) _blobs.Delete(digest);
        return orphans.Count;
    }

    /// <summary>Imports the pack in <paramref name="directory"/>.</summary>
    public async Task<ImportResult> ImportPackAsync(string directory, ImportOptions options, IProgress<CopyProgress>? progress, CancellationToken cancellationToken)
    {
        using var held = await LockAsync(cancellationToken);
        ImportSource source;
        try
        {
            var pack = ModelPack.Open(directory);
            var signer = PackSignaturePolicy.Check(pack, new TrustedKeyStore(home), options.AllowUnsigned);
            source = ImportSource.FromPack(pack, signer);
        }
        catch (Exception e) when (IsRefusal(e))
        {
            registry.RecordEvent("refuse", null, null, $"{Path.GetFullPath(directory)}: {e.Message}");
            throw;
        }
        return await ImportHeldAsync(source, options, progress, cancellationToken);
    }

    /// <summary>Imports the bare model file at <paramref name="path"/> as an unsigned local import; a refusal (a wrong magic too) is audited.</summary>
    public async Task<ImportResult> ImportFileAsync(string path, Naming.ModelName name, Naming.SemanticVersion version, ImportOptions options,
        IProgress<CopyProgress>? progress, CancellationToken cancellationToken)
    {
        ImportSource source;
        try
        {
            source = ImportSource.FromFile(path, name, version);
        }
        catch (Exception e) when (IsRefusal(e))
        {
            registry.RecordEvent("refuse", name.ToString(), version.ToString(), $"{Path.GetFullPath(path)}: {e.Message}");
            throw;
        }
        return await ImportFileAsync(source, options, progress, cancellationToken);
    }

    /// <summary>Imports a bare model file as an unsigned local import (which <see cref="ImportOptions.AllowUnsigned"/> must allow).</summary>
    public async Task<ImportResult> ImportFileAsync(ImportSource source, ImportOptions options, IProgress<CopyProgress>? progress, CancellationToken cancellationToken)
    {
        using var held = await LockAsync(cancellationToken);
        if (!options.AllowUnsigned)
        {
            const string reason = "a bare model file carries no signature; pass --allow-unsigned to register it as a local import";
            registry.RecordEvent("refuse", source.Name.ToString(), source.Version.ToString(), $"{source.Origin}: {reason}");
            throw new PackException(reason);
        }
        return await ImportHeldAsync(source, options, progress, cancellationToken);
    }

    private async Task<ImportResult> ImportHeldAsync(ImportSource source, ImportOptions options, IProgress<CopyProgress>? progress, CancellationToken cancellationToken)
    {
        var staged = new List<StagedFile>();
        var created = new List<string>();
        try
        {
            if (source.Files.All(f => f.ExpectedSha256 is not null))
                registry.Admit(source.Name, source.Version, Expected(source), options.AllowDowngrade);

            var staging = new StagingProgress(progress);
            foreach (var file in source.Files)
            {
                // Opened once, checked through its handle, read to its size + 1 at most: a FIFO or device never reaches tmp/.
                using var input = SourceFile.Open(file.SourcePath, file.PackPath, file.ExpectedSize);
                StagedFile copy;
                await using (var stream = input.OpenRead())
                    copy = await _blobs.StageAsync(stream, input.Length, file.SourcePath, staging, cancellationToken);
                staged.Add(copy);
                if (copy.Size != input.Length)
                    throw new PackException($"'{file.PackPath}' changed size while being read ({input.Length} bytes when opened)");
                if (file.ExpectedSha256 is { } expected && copy.Sha256 != expected)
                    throw new PackException($"'{file.PackPath}' SHA-256 mismatch: the manifest says {expected}, the file has {copy.Sha256}");
                if (file.ExpectedSize is { } size && copy.Size != size)
                    throw new PackException($"'{file.PackPath}' is {copy.Size} bytes, the manifest says {size}");
            }
            ImportStage.Reach(ImportStage.Staged);
            var files = source.Files.Select((f, i) => new PackFile(f.PackPath, staged[i].Sha256, staged[i].Size)).ToList();
            var already = registry.Admit(source.Name, source.Version, files, options.AllowDowngrade) == Admission.AlreadyRegistered;

            // Committing re-hashes a blob already there and replaces a corrupt one, so re-importing heals bit rot.
            var repaired = new List<string>();
            foreach (var copy in staged)
            {
                var outcome = await _blobs.CommitAsync(copy, cancellationToken);
                if (outcome == BlobCommit.Added) created.Add(copy.Sha256);
                if (outcome == BlobCommit.Repaired) repaired.Add(copy.Sha256);
            }
            foreach (var digest in repaired)
                registry.RecordEvent("repair", source.Name.ToString(), source.Version.ToString(), $"blob sha256-{digest} no longer matched its digest; replaced from {source.Origin}");
            if (already)
                return new ImportResult(registry.Resolve($"{source.Name}@{source.Version}"), true,
                    repaired.Count > 0 ? $"already registered; {repaired.Count} corrupt blob(s) replaced" : "already registered with the same files");
            ImportStage.Reach(ImportStage.Committed);

            var roles = PackRoles.Find(files.Select(f => f.Path).ToList(), source.Format, i => home.BlobPath(files[i].Sha256));
            var primary = files[roles.Model];
            var projector = roles.Projector is { } p ? files[p] : null;
            var validation = await validator.ValidateAsync(home.BlobPath(primary.Sha256), source.Format,
                projector is null ? null : home.BlobPath(projector.Sha256), cancellationToken);
            BackUpRegistry();
            ImportStage.Reach(ImportStage.Validated);
            var now = _clock.GetUtcNow();
            var version = new ModelVersion(source.Name.ToString(), source.Version.ToString(), source.Format, primary.Sha256,
                files.Sum(f => f.Size), files, validation.Quantization, validation.ParameterCount, validation.MetadataJson,
                source.SignerKeyId, source.Origin, now, now, source.Description, source.License, false) { Projector = projector };
            var signedBy = source.SignerKeyId is null ? "unsigned" : $"signed by {SigningKeys.ShortId(source.SignerKeyId)}";
            if (registry.Register(version, options.Activate, options.AllowDowngrade, $"from {source.Origin}, {signedBy}") == Admission.AlreadyRegistered)
                return new ImportResult(registry.Resolve(version.Reference), true, "already registered with the same files");
            ImportStage.Reach(ImportStage.Registered);
            return new ImportResult(registry.Resolve(version.Reference), false, validation.Summary);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Discard(staged, created);
            if (IsRefusal(e))
                registry.RecordEvent("refuse", source.Name.ToString(), source.Version.ToString(), $"{source.Origin}: {e.Message}");
            throw;
        }
        catch
        {
            Discard(staged, created);
            throw;
        }
    }

    // Under the lock no import is in flight, so a blob no version references was left by an interrupted one.
    private async Task<ImportLock> LockAsync(CancellationToken cancellationToken)
    {
        registry.EnsureUsable();
        var held = await ImportLock.AcquireAsync(home, cancellationToken);
        try
        {
            _sweep.Run();
            return held;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    // What refuses a source (bad pack, bad signature, not an ordinary file, invalid model). An I/O error (a stick
    // pulled, a permission) is not a verdict on the pack: the drop-folder watcher retries it and audits it once.
    private static bool IsRefusal(Exception e) =>
        e is PackException or SigningException or ModelValidationException or RegistryException and not RegistryUnavailableException;

    private static List<PackFile> Expected(ImportSource source) =>
        source.Files.Select(f => new PackFile(f.PackPath, f.ExpectedSha256!, f.ExpectedSize ?? 0)).ToList();

    private void Discard(List<StagedFile> staged, List<string> created)
    {
        foreach (var s in staged) File.Delete(s.TempPath);
        foreach (var digest in created)
            if (!registry.IsReferenced(digest)) _blobs.Delete(digest);
    }

    private void BackUpRegistry()
    {
        var stamp = _clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmssfff");
        registry.Backup(Path.Combine(home.BackupsDirectory, $"registry-{stamp}.db"));
        foreach (var old in Directory.GetFiles(home.BackupsDirectory, "registry-*.db").Order().SkipLast(BackupsKept))
            File.Delete(old);
    }
}
