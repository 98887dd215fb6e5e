using Airgap.Models.Naming;
using Airgap.Models.Packs;
using Microsoft.Data.Sqlite;

namespace Airgap.Models.Catalog;

/// <summary>Whether a version may be registered: it is new, or the identical version is already there.</summary>
public enum Admission { New, AlreadyRegistered }

/// <summary>
/// The catalog of models in registry.db: versions, the active version of each name, the one before it for rollback,
/// and the audit trail. Every change is one transaction that also writes its audit entry.
/// </summary>
public sealed class ModelRegistry(string databasePath, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Every registered version, by name then version.</summary>
    public IReadOnlyList<ModelVersion> List()
    {
        using var connection = RegistryDatabase.Open(databasePath);
        return VersionReader.Read(connection, null, null)
            .OrderBy(v => v.Name, StringComparer.Ordinal)
            .ThenBy(v => SemanticVersion.Parse(v.Version))
            .ToList();
    }

    /// <summary>Resolves NAME[@VERSION] (no version: the active one), or throws <see cref="ModelNotFoundException"/>.</summary>
    public ModelVersion Resolve(string reference)
    {
        var at = reference.IndexOf('@');
        var nameText = at < 0 ? reference : reference[..at];
        var version = at < 0 ? null : reference[(at + 1)..];
        if (!ModelName.TryParse(nameText, out var name, out var error)) throw new RegistryException(error);
        using var connection = RegistryDatabase.Open(databasePath);
        var found = VersionReader.Read(connection, name.ToString(), version).FirstOrDefault(v => version is not null || v.IsActive);
        return found ?? throw new ModelNotFoundException(reference, AvailableReferences(connection));
    }

    /// <summary>Checks a version against what is registered: refuses downgrades and changed duplicates.</summary>
    public Admission Admit(ModelName name, SemanticVersion version, IReadOnlyList<PackFile> files, bool allowDowngrade)
    {
        using var connection = RegistryDatabase.Open(databasePath);
        return Admit(connection, null, name, version, files, allowDowngrade);
    }

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
        var highest = ReadModelRow(connection, transaction, name.ToString())?.Highest;
        if (highest is not null && version < SemanticVersion.Parse(highest) && !allowDowngrade)
            throw new RegistryException($"{name}@{version} is older than {highest}, the highest version ever imported; use --allow-downgrade to import it");
        return Admission.New;
    }

    /// <summary>Registers a validated version in one transaction with its audit entry; activates it when asked or when first.</summary>
    public Admission Register(ModelVersion version, bool activate, bool allowDowngrade, string auditDetail)
    {
        using var connection = RegistryDatabase.Open(databasePath);
        using var transaction = connection.BeginTransaction(deferred: false);
        var name = ModelName.Parse(version.Name);
        var semver = SemanticVersion.Parse(version.Version);
        if (Admit(connection, transaction, name, semver, version.Files, allowDowngrade) == Admission.AlreadyRegistered)
            return Admission.AlreadyRegistered;

        VersionWriter.Insert(connection, transaction, version);
        var model = ReadModelRow(connection, transaction, version.Name);
        var highest = model?.Highest is { } h && SemanticVersion.Parse(h) > semver ? h : version.Version;
        var makeActive = activate || model?.Active is null;
        WriteModelRow(connection, transaction, version.Name,
            makeActive ? version.Version : model!.Active,
            makeActive ? model?.Active : model!.Previous,
            highest);
        AuditTrail.Append(connection, transaction, _clock, "import", version.Name, version.Version,
            auditDetail + (makeActive ? "; activated" : ""));
        transaction.Commit();
        return Admission.New;
    }

    /// <summary>Registers the files of <paramref name="source"/> under another name too (Ollama's copy); the copy is active.</summary>
    public ModelVersion Copy(ModelVersion source, ModelName destination)
    {
        using var connection = RegistryDatabase.Open(databasePath);
        using var transaction = connection.BeginTransaction(deferred: false);
        var name = destination.ToString();
        if (VersionReader.Read(connection, name, source.Version, transaction).Count > 0)
            throw new RegistryException($"{name}@{source.Version} already exists");
        var copy = source with { Name = name, ImportedAt = _clock.GetUtcNow(), IsActive = false };
        VersionWriter.Insert(connection, transaction, copy);
        var model = ReadModelRow(connection, transaction, name);
        var highest = model?.Highest is { } h && SemanticVersion.Parse(h) > SemanticVersion.Parse(source.Version) ? h : source.Version;
        WriteModelRow(connection, transaction, name, source.Version, model?.Active, highest);
        AuditTrail.Append(connection, transaction, _clock, "copy", name, source.Version, $"from {source.Reference}");
        transaction.Commit();
        return copy with { IsActive = true };
    }

    /// <summary>Makes NAME@VERSION the active version, remembering the one it replaces.</summary>
    public void Activate(ModelName name, string version)
    {
        using var connection = RegistryDatabase.Open(databasePath);
        using var transaction = connection.BeginTransaction(deferred: false);
        RequireVersion(connection, transaction, name, version);
        var model = ReadModelRow(connection, transaction, name.ToString())!;
        if (model.Active == version) return;
        WriteModelRow(connection, transaction, name.ToString(), version, model.Active, model.Highest);
        AuditTrail.Append(connection, transaction, _clock, "activate", name.ToString(), version, $"previously active: {model.Active ?? "none"}");
        transaction.Commit();
    }

    /// <summary>Re-activates the version that was active before the current one; returns it.</summary>
    public string Rollback(ModelName name)
    {
        using var connection = RegistryDatabase.Open(databasePath);
        using var transaction = connection.BeginTransaction(deferred: false);
        var model = ReadModelRow(connection, transaction, name.ToString())
            ?? throw new ModelNotFoundException(name.ToString(), AvailableReferences(connection, transaction));
        if (model.Previous is null || VersionReader.Read(connection, name.ToString(), model.Previous, transaction).Count == 0)
            throw new RegistryException($"{name} has no previous version to roll back to");
        WriteModelRow(connection, transaction, name.ToString(), model.Previous, model.Active, model.Highest);
        AuditTrail.Append(connection, transaction, _clock, "rollback", name.ToString(), model.Previous, $"from {model.Active}");
        transaction.Commit();
        return model.Previous;
    }

    /// <summary>Removes NAME@VERSION; returns the digests no version references any more (blobs to delete).</summary>
    public IReadOnlyList<string> Remove(ModelName name, string version, bool force)
    {
        using var connection = RegistryDatabase.Open(databasePath);
        using var transaction = connection.BeginTransaction(deferred: false);
        var removed = RequireVersion(connection, transaction, name, version);
        var model = ReadModelRow(connection, transaction, name.ToString())!;
        if (model.Active == version && !force)
            throw new RegistryException($"{name}@{version} is the active version; use --force to remove it");
        VersionWriter.Delete(connection, transaction, name.ToString(), version);
        var active = model.Active == version ? null : model.Active;
        var previous = model.Previous == version ? null : model.Previous;
        WriteModelRow(connection, transaction, name.ToString(), active, previous, model.Highest);
        AuditTrail.Append(connection, transaction, _clock, "remove", name.ToString(), version, force && model.Active == version ? "forced: was active" : "");
        var orphans = removed.Files.Select(f => f.Sha256).Distinct()
            .Where(d => !VersionWriter.IsReferenced(connection, transaction, d)).ToList();
        transaction.Commit();
        return orphans;
    }

    /// <summary>True when some registered version references the blob.</summary>
    public bool IsReferenced(string digest)
    {
        using var connection = RegistryDatabase.Open(databasePath);
        return VersionWriter.IsReferenced(connection, null, digest);
    }

    /// <summary>Records an event (a refusal, a trusted key) in the audit trail.</summary>
    public AuditEntry RecordEvent(string action, string? name, string? version, string detail)
    {
        using var connection = RegistryDatabase.Open(databasePath);
        using var transaction = connection.BeginTransaction(deferred: false);
        var entry = AuditTrail.Append(connection, transaction, _clock, action, name, version, detail);
        transaction.Commit();
        return entry;
    }

    /// <summary>The audit trail, all of it or one model's.</summary>
    public IReadOnlyList<AuditEntry> Audit(string? name = null)
    {
        using var connection = RegistryDatabase.Open(databasePath);
        return AuditTrail.Read(connection, name);
    }

    /// <summary>The first broken audit entry and why, or null when the chain is whole.</summary>
    public (AuditEntry Entry, string Reason)? VerifyAudit() => AuditTrail.FindFirstBreak(Audit());

    /// <summary>Writes a consistent copy of the registry database to <paramref name="path"/>.</summary>
    public void Backup(string path)
    {
        using var connection = RegistryDatabase.Open(databasePath);
        using var destination = new SqliteConnection($"Data Source={path};Pooling=False");
        destination.Open();
        connection.BackupDatabase(destination);
    }

    private ModelVersion RequireVersion(SqliteConnection connection, SqliteTransaction transaction, ModelName name, string version) =>
        VersionReader.Read(connection, name.ToString(), version, transaction).FirstOrDefault()
        ?? throw new ModelNotFoundException($"{name}@{version}", AvailableReferences(connection, transaction));

    private static List<string> AvailableReferences(SqliteConnection connection, SqliteTransaction? transaction = null) =>
        VersionReader.Read(connection, null, null, transaction).Select(v => v.Reference).Order(StringComparer.Ordinal).ToList();

    private sealed record ModelRow(string? Active, string? Previous, string Highest);

    private static ModelRow? ReadModelRow(SqliteConnection connection, SqliteTransaction? transaction, string name)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT active_version, previous_version, highest_version FROM models WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new ModelRow(reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2))
            : null;
    }

    private static void WriteModelRow(SqliteConnection connection, SqliteTransaction transaction, string name, string? active, string? previous, string highest)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO models (name, active_version, previous_version, highest_version) VALUES ($name, $active, $previous, $highest)
            ON CONFLICT (name) DO UPDATE SET active_version = $active, previous_version = $previous, highest_version = $highest
            """;
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$active", (object?)active ?? DBNull.Value);
        command.Parameters.AddWithValue("$previous", (object?)previous ?? DBNull.Value);
        command.Parameters.AddWithValue("$highest", highest);
        command.ExecuteNonQuery();
    }
}
