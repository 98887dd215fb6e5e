using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using static Airgap.Analytics.AnalyticsDatabase;

namespace Airgap.Analytics.Search;

/// <summary>
/// Texts kept for semantic search in SQLite (analytics/search.db, WAL): per collection, each text with its metadata
/// and, once computed, its embedding and the model version that made it. Holds at most <c>maxTexts</c> per collection.
/// </summary>
public sealed class SearchStore(string path, int maxTexts)
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS texts (
            collection TEXT NOT NULL,
            id TEXT NOT NULL,
            text TEXT NOT NULL,
            metadata TEXT,
            embedding BLOB,
            embedding_model TEXT,
            added INTEGER NOT NULL,
            PRIMARY KEY (collection, id)
        ) WITHOUT ROWID;
        """;

    private readonly AnalyticsDatabase _database = new(path, Schema, "PRAGMA synchronous=NORMAL;");

    /// <summary>The database file.</summary>
    public string Path => _database.Path;

    /// <summary>
    /// Adds or replaces <paramref name="texts"/> (ids already resolved) in one transaction; refuses, storing nothing,
    /// when the collection would hold more than its bound. Returns how many were new.
    /// </summary>
    public int Upsert(string collection, IReadOnlyList<(string Id, TextToStore Text, float[]? Embedding)> texts, string? embeddingModel, DateTimeOffset now)
    {
        using var connection = Open();
        using var tx = connection.BeginTransaction(deferred: false);
        var existing = texts.Count(t => Exists(connection, collection, t.Id));
        var count = (long)Scalar(connection, "SELECT count(*) FROM texts WHERE collection = $c", ("$c", collection))!;
        if (count + texts.Count - existing > maxTexts)
            throw new SearchCollectionFullException(collection, maxTexts);
        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO texts VALUES ($c, $id, $text, $metadata, $embedding, $model, $now)
            ON CONFLICT(collection, id) DO UPDATE SET text = excluded.text, metadata = excluded.metadata,
                embedding = excluded.embedding, embedding_model = excluded.embedding_model
            """;
        var p = new[] { "$c", "$id", "$text", "$metadata", "$embedding", "$model", "$now" }.Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
        foreach (var (id, text, embedding) in texts)
        {
            p[0].Value = collection; p[1].Value = id; p[2].Value = text.Text; p[3].Value = (object?)text.Metadata ?? DBNull.Value;
            p[4].Value = embedding is null ? DBNull.Value : MemoryMarshal.AsBytes(embedding.AsSpan()).ToArray();
            p[4].SqliteType = SqliteType.Blob;
            p[5].Value = embedding is null ? DBNull.Value : (object?)embeddingModel ?? DBNull.Value;
            p[6].Value = now.ToUnixTimeMilliseconds();
            insert.ExecuteNonQuery();
        }
        tx.Commit();
        return texts.Count - existing;
    }

    /// <summary>Every text of the collection, in the order added.</summary>
    public IReadOnlyList<StoredText> Texts(string collection)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, text, metadata, embedding, embedding_model FROM texts WHERE collection = $c ORDER BY added, id";
        command.Parameters.AddWithValue("$c", collection);
        using var reader = command.ExecuteReader();
        var texts = new List<StoredText>();
        while (reader.Read())
            texts.Add(new StoredText(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(3)).ToArray(),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        return texts;
    }

    /// <summary>Keeps embeddings computed at search time, so each text is embedded once per model version.</summary>
    /// <remarks>A text replaced meanwhile keeps its own embedding: the update matches the text that was embedded.</remarks>
    public void SaveEmbeddings(string collection, IReadOnlyList<(string Id, string Text, float[] Embedding)> embeddings, string embeddingModel)
    {
        using var connection = Open();
        using var tx = connection.BeginTransaction();
        foreach (var (id, text, embedding) in embeddings)
            Execute(connection, "UPDATE texts SET embedding = $e, embedding_model = $m WHERE collection = $c AND id = $id AND text = $t",
                ("$e", MemoryMarshal.AsBytes(embedding.AsSpan()).ToArray()), ("$m", embeddingModel), ("$c", collection), ("$id", id), ("$t", text));
        tx.Commit();
    }

    /// <summary>The collections and how many texts each holds, by name.</summary>
    public IReadOnlyList<(string Name, long Texts)> Collections()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT collection, count(*) FROM texts GROUP BY collection ORDER BY collection";
        using var reader = command.ExecuteReader();
        var collections = new List<(string, long)>();
        while (reader.Read()) collections.Add((reader.GetString(0), reader.GetInt64(1)));
        return collections;
    }

    /// <summary>Removes one text; false when it was not there.</summary>
    public bool Remove(string collection, string id)
    {
        using var connection = Open();
        return Execute(connection, "DELETE FROM texts WHERE collection = $c AND id = $id", ("$c", collection), ("$id", id)) > 0;
    }

    /// <summary>Removes a whole collection; returns how many texts it held.</summary>
    public int RemoveCollection(string collection)
    {
        using var connection = Open();
        return Execute(connection, "DELETE FROM texts WHERE collection = $c", ("$c", collection));
    }

    private static bool Exists(SqliteConnection connection, string collection, string id) =>
        Scalar(connection, "SELECT 1 FROM texts WHERE collection = $c AND id = $id", ("$c", collection), ("$id", id)) is not null;

    private SqliteConnection Open() => _database.Open();
}
