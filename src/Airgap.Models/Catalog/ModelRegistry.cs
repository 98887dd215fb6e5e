using Airgap.Models.Naming;
using Airgap.Models.Packs;
using Microsoft.Data.Sqlite;

namespace Airgap.Models.Catalog;

/// <summary>Whether a version may be registered: it is new, or the identical version is already there.</summary>
public enum Admission { New, AlreadyRegistered }

/// <summary>
/// The catalog of models in registry.db: versions, the active version of each name, the activation history for
/// rollback, and the audit trail. Every change is one transaction that also writes its audit entry. A database that
/// is missing while blobs remain, corrupt, or not this home's is refused (<see cref="RegistryUnavailableException"/>).
/// </summary>
public sealed class ModelRegistry(string databasePath, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The path of registry.db.</summary>
    public string DatabasePath { get; } = Path.GetFullPath(databasePath);

    /// <summary>Opens the database and checks it is this home's registry, as every operation does; throws when it is not.</summary>
    public void EnsureUsable() => Read(_ => 0);

    /// <summary>Every registered version, by name then version.</summary>
    public IReadOnlyList<ModelVersion> List() => Read(connection =>
        VersionReader.Read(connection, null, null)
            .OrderBy(v => v.Name, StringComparer.Ordinal)
            .ThenBy(v => SemanticVersion.Parse(v.Version))
            .ToList());

    /// <summary>Resolves NAME[@VERSION] (no version: the active one), or throws <see cref="ModelNotFoundException"/>.</summary>
    public ModelVersion Resolve(string reference)
    {
        var at = reference.IndexOf('@');
        var nameText = at < 0 ? reference : reference[..at];
        var version = at < 0 ? null : reference[(at + 1)..];
        if (!ModelName.TryParse(nameText, out var name, out var error)) throw new RegistryException(error);
        return Read(connection =>
            VersionReader.Read(connection, name.ToString(), version).FirstOrDefault(v => version is not null || v.IsActive)
            ?? throw new ModelNotFoundException(reference, AvailableReferences(connection)));
    }

    /// <summary>Checks a version against what is registered: refuses downgrades and changed duplicates.</summary>
    public Admission Admit(ModelName name, SemanticVersion version, IReadOnlyList<PackFile> files, bool allowDowngrade) =>
        Read(connection => Admit(connection, null, name, version, files, allowDowngrade));

    private static Admission Admit(SqliteConnection connection, SqliteTransaction? transaction, ModelName name,
        SemanticVersion version, IReadOnlyList<PackFile> files, bool allowDowngrade)
    {
        var existing = VersionReader.Read(connection, name.ToString(), version.ToString(), transaction).FirstOrDefault();
        if (existing is not null)
        {
            var same = existing.Files.Count == files.Count
                && existing.Files.All(f => files.Any(g => g.Path == f.Path && g.Sha256 == f.Sha256));
            return same
                ? Admission.AlreadyRegistered
                : throw new RegistryException($"{name}@{version} is already registered with different files; publish a new version instead");
        }
        var highest = ModelRows.Read(connection, transaction, name.ToString())?.Highest;
        if (highest is not null && version < SemanticVersion.Parse(highest) && !allowDowngrade)
            throw new RegistryException($"{name}@{version} is older than {highest}, the highest version ever imported; use --allow-downgrade to import it");
        return Admission.New;
    }

    /// <summary>Registers a validated version in one transaction with its audit entry; activates it when asked or when first.</summary>
    public Admission Register(ModelVersion version, bool activate, bool allowDowngrade, string auditDetail) => Write((connection, transaction) =>
    {
        var name = ModelName.Parse(version.Name);
        var semver = SemanticVersion.Parse(version.Version);
        if (Admit(connection, transaction, name, semver, version.Files, allowDowngrade) == Admission.AlreadyRegistered)
            return (Admission.AlreadyRegistered, null);

        VersionWriter.Insert(connection, transaction, version);
        var model = ModelRows.Read(connection, transaction, version.Name);
        var highest = model?.Highest is { } h && SemanticVersion.Parse(h) > semver ? h : version.Version;
        var makeActive = activate || model?.Active is null;
        if (makeActive) ModelRows.PushActivation(connection, transaction, version.Name, model?.Active);
        ModelRows.Write(connection, transaction, version.Name,
            makeActive ? version.Version : model!.Active,
            makeActive ? model?.Active : model!.Previous,
            highest);
        return (Admission.New, AuditTrail.Append(connection, transaction, _clock, "import", version.Name, version.Version,
            auditDetail + (makeActive ? "; activated" : "")));
    });

    /// <summary>Registers the files of <paramref name="source"/> under another name too (Ollama's copy); the copy is active.</summary>
    public ModelVersion Copy(ModelVersion source, ModelName destination) => Write((connection, transaction) =>
    {
        var name = destination.ToString();
        if (VersionReader.Read(connection, name, source.Version, transaction).Count > 0)
            throw new RegistryException($"{name}@{source.Version} already exists");
        var copy = source with { Name = name, ImportedAt = _clock.GetUtcNow(), IsActive = false };
        VersionWriter.Insert(connection, transaction, copy);
        var model = ModelRows.Read(connection, transaction, name);
        var highest = model?.Highest is { } h && SemanticVersion.Parse(h) > SemanticVersion.Parse(source.Version) ? h : source.Version;
        ModelRows.PushActivation(connection, transaction, name, model?.Active);
        ModelRows.Write(connection, transaction, name, source.Version, model?.Active, highest);
        return (copy with { IsActive = true }, AuditTrail.Append(connection, transaction, _clock, "copy", name, source.Version, $"from {source.Reference}"));
    });

    /// <summary>Makes NAME@VERSION the active version, remembering the one it replaces for rollback.</summary>
    public void Activate(ModelName name, string version) => Write((connection, transaction) =>
    {
        RequireVersion(connection, transaction, name, version);
        var model = ModelRows.Read(connection, transaction, name.ToString())!;
        if (model.Active == version) return (0, null);
        ModelRows.PushActivation(connection, transaction, name.ToString(), model.Active);
        ModelRows.Write(connection, transaction, name.ToString(), version, model.Active, model.Highest);
        return (0, AuditTrail.Append(connection, transaction, _clock, "activate", name.ToString(), version, $"previously active: {model.Active ?? "none"}"));
    });

    /// <summary>Re-activates the version that was active before the current one, walking back one step per call; returns it.</summary>
    public string Rollback(ModelName name) => Write((connection, transaction) =>
    {
        var model = ModelRows.Read(connection, transaction, name.ToString())
            ?? throw new ModelNotFoundException(name.ToString(), AvailableReferences(connection, transaction));
        var target = ModelRows.PopActivation(connection, transaction, name.ToString(), model.Active, model.Previous)
            ?? throw new RegistryException($"{name} has no previous version to roll back to (active: {model.Active ?? "none"})");
        ModelRows.Write(connection, transaction, name.ToString(), target, ModelRows.Peek(connection, transaction, name.ToString()), model.Highest);
        return (target, AuditTrail.Append(connection, transaction, _clock, "rollback", name.ToString(), target, $"from {model.Active ?? "none"}"));
    });

    /// <summary>Removes NAME@VERSION; returns the digests no version references any more (blobs to delete).</summary>
    public IReadOnlyList<string> Remove(ModelName name, string version, bool force) => Write((connection, transaction) =>
    {
        var removed = RequireVersion(connection, transaction, name, version);
        var model = ModelRows.Read(connection, transaction, name.ToString())!;
        if (model.Active == version && !force)
            throw new RegistryException($"{name}@{version} is the active version; use --force to remove it");
        VersionWriter.Delete(connection, transaction, name.ToString(), version);
        ModelRows.ForgetVersion(connection, transaction, name.ToString(), version);
        var active = model.Active == version ? null : model.Active;
        ModelRows.Write(connection, transaction, name.ToString(), active, ModelRows.Peek(connection, transaction, name.ToString()), model.Highest);
        var entry = AuditTrail.Append(connection, transaction, _clock, "remove", name.ToString(), version, force && model.Active == version ? "forced: was active" : "");
        IReadOnlyList<string> orphans = removed.Files.Select(f => f.Sha256).Distinct()
            .Where(d => !VersionWriter.IsReferenced(connection, transaction, d)).ToList();
        return (orphans, entry);
    });

    /// <summary>The highest version of <paramref name="name"/> ever imported (removed ones included); null for a new name.</summary>
    public string? HighestVersion(ModelName name) => Read(connection => ModelRows.Read(connection, null, name.ToString())?.Highest);

    /// <summary>True when some registered version references the blob.</summary>
    public bool IsReferenced(string digest) => Read(connection => VersionWriter.IsReferenced(connection, null, digest));

    /// <summary>Every digest a registered version references; the sweep keeps these and sets aside the rest.</summary>
    public IReadOnlySet<string> ReferencedDigests() => Read(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT digest FROM version_files";
        using var reader = command.ExecuteReader();
        var digests = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read()) digests.Add(reader.GetString(0));
        return (IReadOnlySet<string>)digests;
    });

    /// <summary>Records an event (a refusal, a trusted key) in the audit trail.</summary>
    public AuditEntry RecordEvent(string action, string? name, string? version, string detail) => Write((connection, transaction) =>
    {
        var entry = AuditTrail.Append(connection, transaction, _clock, action, name, version, detail);
        return (entry, entry);
    });

    /// <summary>The audit trail, all of it or one model's; readable even when the database is behind this home's record.</summary>
    public IReadOnlyList<AuditEntry> Audit(string? name = null) => Read(connection => AuditTrail.Read(connection, name), requireCurrent: false);

    /// <summary>The first broken audit entry and why, or null when the chain is whole.</summary>
    public (AuditEntry Entry, string Reason)? VerifyAudit() => AuditTrail.FindFirstBreak(Audit());

    /// <summary>Checks the trail: the chain, the newest entry this home recorded, an operator's recorded head, and versions against imports.</summary>
    public AuditReport CheckAudit(string? expectedHead = null) =>
        Read(connection => AuditCheck.Run(connection, RegistryMarker.Read(DatabasePath)?.Generation ?? 0, expectedHead), requireCurrent: false);

    /// <summary>Writes a consistent copy of the registry database to <paramref name="path"/>.</summary>
    public void Backup(string path) => Read(connection =>
    {
        using var destination = new SqliteConnection($"Data Source={path};Pooling=False");
        destination.Open();
        connection.BackupDatabase(destination);
        return 0;
    });

    private T Read<T>(Func<SqliteConnection, T> body, bool requireCurrent = true)
    {
        using var opened = RegistryDatabase.OpenChecked(DatabasePath, requireCurrent);
        try
        {
            return body(opened.Connection);
        }
        catch (SqliteException e)
        {
            throw RegistryDatabase.Unusable(DatabasePath, e);
        }
    }

    // One immediate transaction; the marker then records the new newest audit entry, so a later loss of it shows.
    private T Write<T>(Func<SqliteConnection, SqliteTransaction, (T Result, AuditEntry? Entry)> body)
    {
        using var opened = RegistryDatabase.OpenChecked(DatabasePath);
        try
        {
            using var transaction = opened.Connection.BeginTransaction(deferred: false);
            var (result, entry) = body(opened.Connection, transaction);
            transaction.Commit();
            if (entry is not null) RegistryMarker.Record(DatabasePath, opened.Id, entry.Id);
            return result;
        }
        catch (SqliteException e)
        {
            throw RegistryDatabase.Unusable(DatabasePath, e);
        }
    }

    private static ModelVersion RequireVersion(SqliteConnection connection, SqliteTransaction transaction, ModelName name, string version) =>
        VersionReader.Read(connection, name.ToString(), version, transaction).FirstOrDefault()
        ?? throw new ModelNotFoundException($"{name}@{version}", AvailableReferences(connection, transaction));

    private static List<string> AvailableReferences(SqliteConnection connection, SqliteTransaction? transaction = null) =>
        VersionReader.Read(connection, null, null, transaction).Select(v => v.Reference).Order(StringComparer.Ordinal).ToList();
}
