using Microsoft.Data.Sqlite;

namespace Airgap.Models.Catalog;

/// <summary>The per-name row (active, previous, highest version) and the activation history rollback walks back through.</summary>
internal static class ModelRows
{
    public sealed record ModelRow(string? Active, string? Previous, string Highest);

    public static ModelRow? Read(SqliteConnection connection, SqliteTransaction? transaction, string name)
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

    public static void Write(SqliteConnection connection, SqliteTransaction transaction, string name, string? active, string? previous, string highest)
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

    /// <summary>Remembers that <paramref name="replaced"/> was active before the version now being activated.</summary>
    public static void PushActivation(SqliteConnection connection, SqliteTransaction transaction, string name, string? replaced)
    {
        if (replaced is null) return;
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO activation_history (name, version) VALUES ($name, $version)";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$version", replaced);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Takes the most recent earlier activation that still exists and is not <paramref name="active"/>; null when none is
    /// left. A registry from before the history falls back, once, to its single remembered previous version.
    /// </summary>
    public static string? PopActivation(SqliteConnection connection, SqliteTransaction transaction, string name, string? active, string? legacyPrevious)
    {
        var hadHistory = false;
        while (Top(connection, transaction, name) is { } top)
        {
            hadHistory = true;
            using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM activation_history WHERE seq = $seq";
            delete.Parameters.AddWithValue("$seq", top.Seq);
            delete.ExecuteNonQuery();
            if (top.Version != active && VersionReader.Read(connection, name, top.Version, transaction).Count > 0) return top.Version;
        }
        return !hadHistory && legacyPrevious is not null && legacyPrevious != active
            && VersionReader.Read(connection, name, legacyPrevious, transaction).Count > 0 ? legacyPrevious : null;
    }

    /// <summary>The version a rollback would go to next, for the previous_version column; null when none.</summary>
    public static string? Peek(SqliteConnection connection, SqliteTransaction transaction, string name) => Top(connection, transaction, name)?.Version;

    /// <summary>Forgets a removed version in the history.</summary>
    public static void ForgetVersion(SqliteConnection connection, SqliteTransaction transaction, string name, string version)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM activation_history WHERE name = $name AND version = $version";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$version", version);
        command.ExecuteNonQuery();
    }

    private static (long Seq, string Version)? Top(SqliteConnection connection, SqliteTransaction transaction, string name)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT seq, version FROM activation_history WHERE name = $name ORDER BY seq DESC LIMIT 1";
        command.Parameters.AddWithValue("$name", name);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : null;
    }
}
