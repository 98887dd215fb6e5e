namespace Airgap.Models.Catalog;

/// <summary>The tables of registry.db, created when missing; later additions are new tables, so old files open unchanged.</summary>
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
            hash TEXT NOT NULL
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
}
