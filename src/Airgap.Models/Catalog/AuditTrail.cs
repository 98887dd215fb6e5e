using Microsoft.Data.Sqlite;

namespace Airgap.Models.Catalog;

/// <summary>Appends to, reads and checks the hash-chained audit table.</summary>
internal static class AuditTrail
{
    public static AuditEntry Append(SqliteConnection connection, SqliteTransaction transaction, TimeProvider clock,
        string action, string? name, string? version, string detail)
    {
        using var last = connection.CreateCommand();
        last.Transaction = transaction;
        last.CommandText = "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1";
        long id = 1;
        var previous = AuditEntry.GenesisHash;
        using (var reader = last.ExecuteReader())
        {
            if (reader.Read())
            {
                id = reader.GetInt64(0) + 1;
                previous = reader.GetString(1);
            }
        }
        var at = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
        var actor = AuditActor.Current;
        var hash = AuditEntry.ComputeHash(id, at, action, name, version, detail, previous, actor);
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO audit (id, at, action, name, version, detail, previous_hash, hash, actor)
            VALUES ($id, $at, $action, $name, $version, $detail, $previous, $hash, $actor)
            """;
        insert.Parameters.AddWithValue("$id", id);
        insert.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$action", action);
        insert.Parameters.AddWithValue("$name", (object?)name ?? DBNull.Value);
        insert.Parameters.AddWithValue("$version", (object?)version ?? DBNull.Value);
        insert.Parameters.AddWithValue("$detail", detail);
        insert.Parameters.AddWithValue("$previous", previous);
        insert.Parameters.AddWithValue("$hash", hash);
        insert.Parameters.AddWithValue("$actor", actor);
        insert.ExecuteNonQuery();
        return new AuditEntry(id, at, action, name, version, detail, previous, hash, actor);
    }

    public static IReadOnlyList<AuditEntry> Read(SqliteConnection connection, string? name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, at, action, name, version, detail, previous_hash, hash, actor FROM audit"
            + (name is null ? "" : " WHERE name = $name") + " ORDER BY id";
        if (name is not null) command.Parameters.AddWithValue("$name", name);
        using var reader = command.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read())
        {
            entries.Add(new AuditEntry(reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
        }
        return entries;
    }

    /// <summary>The first entry whose hash or link is wrong, with the reason; null when the chain is whole.</summary>
    public static (AuditEntry Entry, string Reason)? FindFirstBreak(IReadOnlyList<AuditEntry> chain)
    {
        var expectedPrevious = AuditEntry.GenesisHash;
        var expectedId = chain.Count > 0 ? chain[0].Id : 1;
        foreach (var entry in chain)
        {
            if (entry.Id != expectedId) return (entry, $"entry {expectedId} is missing");
            if (entry.PreviousHash != expectedPrevious) return (entry, "does not link to the entry before it");
            if (!entry.IsIntact) return (entry, "its contents do not match its hash");
            expectedPrevious = entry.Hash;
            expectedId++;
        }
        return chain.Count > 0 && chain[0].Id != 1 ? (chain[0], "the entries before it are missing") : null;
    }
}
