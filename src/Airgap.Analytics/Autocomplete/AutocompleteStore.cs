using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using static Airgap.Analytics.AnalyticsDatabase;

namespace Airgap.Analytics.Autocomplete;

/// <summary>
/// Accepted values in SQLite (analytics/autocomplete.db, WAL): per context and parameter, each value's count and
/// last use, and each context's embedding once computed. Holds at most <c>AutocompleteMaxEntries</c> values; past
/// that the least recently used are forgotten, and a context left without values with them.
/// </summary>
public sealed class AutocompleteStore(string path, int maxEntries)
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS contexts (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            text TEXT NOT NULL,
            embedding BLOB,
            embedding_model TEXT
        );
        CREATE TABLE IF NOT EXISTS accepted (
            context_id INTEGER NOT NULL REFERENCES contexts(id) ON DELETE CASCADE,
            parameter TEXT NOT NULL,
            value TEXT NOT NULL,
            count INTEGER NOT NULL,
            last_used INTEGER NOT NULL,
            PRIMARY KEY (context_id, parameter, value)
        );
        CREATE INDEX IF NOT EXISTS accepted_by_parameter ON accepted(parameter, context_id);
        CREATE INDEX IF NOT EXISTS accepted_by_age ON accepted(last_used);
        """;

    private readonly AnalyticsDatabase _database = new(path, Schema, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");

    /// <summary>The database file.</summary>
    public string Path => _database.Path;

    /// <summary>Counts one more acceptance of <paramref name="value"/> for <paramref name="parameter"/> in <paramref name="context"/>.</summary>
    public AcceptedValue Record(AutocompleteContext context, string parameter, string value, DateTimeOffset now)
    {
        using var connection = Open();
        // IMMEDIATE takes the write lock at once: two writers never both read, then fail to upgrade.
        Execute(connection, "BEGIN IMMEDIATE");
        long count;
        try
        {
            Execute(connection, "INSERT INTO contexts (key, text) VALUES ($key, $text) ON CONFLICT(key) DO NOTHING", ("$key", context.Key), ("$text", context.Text));
            var id = (long)Scalar(connection, "SELECT id FROM contexts WHERE key = $key", ("$key", context.Key))!;
            Execute(connection, """
                INSERT INTO accepted (context_id, parameter, value, count, last_used) VALUES ($id, $parameter, $value, 1, $now)
                ON CONFLICT(context_id, parameter, value) DO UPDATE SET count = count + 1, last_used = max(last_used, excluded.last_used)
                """, ("$id", id), ("$parameter", parameter), ("$value", value), ("$now", now.ToUnixTimeMilliseconds()));
            count = (long)Scalar(connection, "SELECT count FROM accepted WHERE context_id = $id AND parameter = $parameter AND value = $value",
                ("$id", id), ("$parameter", parameter), ("$value", value))!;
            Forget(connection);
            Execute(connection, "COMMIT");
        }
        catch
        {
            Execute(connection, "ROLLBACK");
            throw;
        }
        return new AcceptedValue(value, count, now);
    }

    /// <summary>Every stored context with values for <paramref name="parameter"/>, with those values.</summary>
    public IReadOnlyList<StoredContext> Contexts(string parameter, string embeddingModel)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.id, c.key, c.text, CASE WHEN c.embedding_model = $model THEN c.embedding END, a.value, a.count, a.last_used
            FROM accepted a JOIN contexts c ON c.id = a.context_id
            WHERE a.parameter = $parameter ORDER BY c.id
            """;
        command.Parameters.AddWithValue("$parameter", parameter);
        command.Parameters.AddWithValue("$model", embeddingModel);
        using var reader = command.ExecuteReader();
        var contexts = new List<StoredContext>();
        List<AcceptedValue>? values = null;
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            if (contexts.Count == 0 || contexts[^1].Id != id)
            {
                values = [];
                var embedding = reader.IsDBNull(3) ? null : MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(3)).ToArray();
                contexts.Add(new StoredContext(id, reader.GetString(1), reader.GetString(2), embedding, values));
            }
            values!.Add(new AcceptedValue(reader.GetString(4), reader.GetInt64(5), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))));
        }
        return contexts;
    }

    /// <summary>Keeps a context's embedding, so it is computed once per embedding model.</summary>
    public void SaveEmbedding(long contextId, float[] embedding, string embeddingModel)
    {
        using var connection = Open();
        Execute(connection, "UPDATE contexts SET embedding = $embedding, embedding_model = $model WHERE id = $id",
            ("$embedding", MemoryMarshal.AsBytes(embedding.AsSpan()).ToArray()), ("$model", embeddingModel), ("$id", contextId));
    }

    /// <summary>How many accepted values are stored.</summary>
    public long Count()
    {
        using var connection = Open();
        return (long)Scalar(connection, "SELECT count(*) FROM accepted")!;
    }

    private void Forget(SqliteConnection connection)
    {
        var excess = (long)Scalar(connection, "SELECT count(*) FROM accepted")! - maxEntries;
        if (excess <= 0) return;
        Execute(connection, "DELETE FROM accepted WHERE rowid IN (SELECT rowid FROM accepted ORDER BY last_used, rowid LIMIT $excess)", ("$excess", excess));
        Execute(connection, "DELETE FROM contexts WHERE NOT EXISTS (SELECT 1 FROM accepted WHERE context_id = contexts.id)");
    }

    private SqliteConnection Open() => _database.Open();
}
