using Microsoft.Data.Sqlite;

namespace Airgap.Models.Catalog;

/// <summary>
/// Opens registry.db (SQLite in WAL mode) and keeps its schema current. It is created only in a home without blobs;
/// a database that is missing, empty, corrupt, another registry's, or behind what this home recorded is refused
/// with one line, so that nothing (above all the orphan sweep) acts on its word.
/// </summary>
internal static class RegistryDatabase
{
    /// <summary>An opened registry: the connection, the database's identity and its newest audit entry.</summary>
    public sealed record Opened(SqliteConnection Connection, string Id, long Generation) : IDisposable
    {
        public void Dispose() => Connection.Dispose();
    }

    /// <summary>Opens a checked connection (see <see cref="OpenChecked"/>), for callers that need only the connection.</summary>
    public static SqliteConnection Open(string path) => OpenChecked(path).Connection;

    /// <summary>Opens a connection with WAL, foreign keys and a busy timeout; <paramref name="requireCurrent"/> refuses a database behind the marker.</summary>
    public static Opened OpenChecked(string path, bool requireCurrent = true)
    {
        path = Path.GetFullPath(path);
        var isNew = !File.Exists(path) || new FileInfo(path).Length == 0;
        if (isNew && CountBlobs(path) is var blobs and > 0)
            throw new RegistryUnavailableException(
                $"{path} is {(File.Exists(path) ? "empty" : "missing")} but blobs/ holds {blobs} model file(s); restore it from {Backups(path)} (nothing was deleted)");
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = isNew ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;");
            Execute(connection, RegistrySchema.Statements);
            RegistrySchema.AddMissingColumns(connection);
            var (id, generation) = Identify(connection, path, isNew);
            CheckMarker(path, id, generation, requireCurrent);
            return new Opened(connection, id, generation);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw Unusable(path, e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The one-line refusal for a SQLite error on registry.db.</summary>
    public static RegistryUnavailableException Unusable(string path, SqliteException e) =>
        new(e.SqliteErrorCode is 11 or 26
            ? $"{Path.GetFullPath(path)} is corrupt or not a registry database ({e.Message.TrimEnd('.')}); restore it from {Backups(path)}"
            : $"{Path.GetFullPath(path)} cannot be used: {e.Message.TrimEnd('.')}", e);

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private static (string Id, long Generation) Identify(SqliteConnection connection, string path, bool isNew)
    {
        var id = Scalar(connection, "SELECT id FROM registry_identity WHERE singleton = 1") as string;
        if (id is null)
        {
            // A database from before identities keeps its models; an empty one in a home with blobs lost them.
            var hasContent = (long)Scalar(connection, "SELECT EXISTS (SELECT 1 FROM versions) OR EXISTS (SELECT 1 FROM audit)")! == 1;
            if (!isNew && !hasContent && CountBlobs(path) is var blobs and > 0)
                throw new RegistryUnavailableException(
                    $"{path} holds no models but blobs/ holds {blobs} model file(s); restore it from {Backups(path)} (nothing was deleted)");
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO registry_identity (singleton, id) VALUES (1, $id) ON CONFLICT DO NOTHING";
            insert.Parameters.AddWithValue("$id", Guid.NewGuid().ToString("N"));
            insert.ExecuteNonQuery();
            id = (string)Scalar(connection, "SELECT id FROM registry_identity WHERE singleton = 1")!;
            RegistryMarker.Record(path, id, (long)Scalar(connection, "SELECT COALESCE(MAX(id), 0) FROM audit")!);
        }
        return (id, (long)Scalar(connection, "SELECT COALESCE(MAX(id), 0) FROM audit")!);
    }

    private static void CheckMarker(string path, string id, long generation, bool requireCurrent)
    {
        var marker = RegistryMarker.Read(path);
        var markerPath = RegistryMarker.PathFor(path);
        if (marker is null)
        {
            RegistryMarker.Record(path, id, generation);
            return;
        }
        if (marker.Id != id)
            throw new RegistryUnavailableException(
                $"{path} is not this home's registry (its id is {id}, {Path.GetFileName(markerPath)} names {marker.Id}); restore this home's from {Backups(path)}, or delete {markerPath} to adopt it (nothing was deleted)");
        if (requireCurrent && generation < marker.Generation)
            throw new RegistryUnavailableException(
                $"{path} ends at audit entry {generation} but this home recorded entry {marker.Generation}: changes were lost (a deleted WAL, an older copy); restore it from {Backups(path)}, or delete {markerPath} to accept it (nothing was deleted)");
        if (generation > marker.Generation) RegistryMarker.Record(path, id, generation);
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    // registry.db sits at the root of the data home, beside blobs/ and backups/ (see AirgapHome).
    private static int CountBlobs(string path)
    {
        var blobs = Path.Combine(Path.GetDirectoryName(path)!, "blobs");
        return Directory.Exists(blobs) ? Directory.EnumerateFiles(blobs, "sha256-*").Count() : 0;
    }

    private static string Backups(string path) => Path.Combine(Path.GetDirectoryName(path)!, "backups") + Path.DirectorySeparatorChar;
}
