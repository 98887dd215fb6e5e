using Microsoft.Data.Sqlite;

namespace Airgap.Models.Catalog;

/// <summary>Opens registry.db (SQLite in WAL mode) and keeps its schema current.</summary>
internal static class RegistryDatabase
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS models (
            name TEXT PRIMARY KEY,
            active_version TEXT,
            previous_version TEXT,
            highest_version TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS versions (
            name TEXT NOT NULL,
            version TEXT NOT NULL,
            format TEXT NOT NULL,
            digest TEXT NOT NULL,
            size INTEGER NOT NULL,
            quantization TEXT,
            parameter_count INTEGER,
            metadata_json TEXT NOT NULL,
            signer_key_id TEXT,
            source TEXT NOT NULL,
            validated_at INTEGER NOT NULL,
            imported_at INTEGER NOT NULL,
            description TEXT,
            license TEXT,
            PRIMARY KEY (name, version)
        );
        CREATE TABLE IF NOT EXISTS version_files (
            name TEXT NOT NULL,
            version TEXT NOT NULL,
            path TEXT NOT NULL,
            digest TEXT NOT NULL,
            size INTEGER NOT NULL,
            ordinal INTEGER NOT NULL,
            PRIMARY KEY (name, version, path),
            FOREIGN KEY (name, version) REFERENCES versions (name, version) ON DELETE CASCADE
        );
        CREATE INDEX IF NOT EXISTS version_files_digest ON version_files (digest);
        CREATE TABLE IF NOT EXISTS audit (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            action TEXT NOT NULL,
            name TEXT,
            version TEXT,
            detail TEXT NOT NULL,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        """;

    /// <summary>Opens a connection with WAL, foreign keys and a busy timeout, creating the schema when new.</summary>
    public static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;");
        Execute(connection, Schema);
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }
}
