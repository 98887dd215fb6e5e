using Microsoft.Data.Sqlite;

namespace Airgap.Models.Catalog;

/// <summary>
/// The tables of registry.db, created when missing. Later additions are new tables or nullable columns that
/// <see cref="AddMissingColumns"/> adds to an older file, so old files open and older builds still read new ones.
/// </summary>
internal static class RegistrySchema
{
    public const string Statements = """
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
            hash TEXT NOT NULL,
            actor TEXT
        );
        CREATE TABLE IF NOT EXISTS registry_identity (
            singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
            id TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS version_projectors (
            name TEXT NOT NULL,
            version TEXT NOT NULL,
            path TEXT NOT NULL,
            PRIMARY KEY (name, version),
            FOREIGN KEY (name, version) REFERENCES versions (name, version) ON DELETE CASCADE
        );
        CREATE TABLE IF NOT EXISTS activation_history (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            version TEXT NOT NULL
        );
        """;

    private static readonly (string Table, string Column, string Type)[] AddedColumns = [("audit", "actor", "TEXT")];

    /// <summary>Adds the columns a file made by an older build lacks; another process adding one at the same moment is fine.</summary>
    public static void AddMissingColumns(SqliteConnection connection)
    {
        foreach (var (table, column, type) in AddedColumns)
        {
            if (HasColumn(connection, table, column)) continue;
            try
            {
                using var alter = connection.CreateCommand();
                alter.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {type}";
                alter.ExecuteNonQuery();
            }
            catch (SqliteException) when (HasColumn(connection, table, column))
            {
            }
        }
    }

    private static bool HasColumn(SqliteConnection connection, string table, string column)
    {
        using var info = connection.CreateCommand();
        info.CommandText = $"SELECT 1 FROM pragma_table_info('{table}') WHERE name = $column";
        info.Parameters.AddWithValue("$column", column);
        return info.ExecuteScalar() is not null;
    }
}
