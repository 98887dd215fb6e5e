using Airgap.Models.Packs;
using Microsoft.Data.Sqlite;

namespace Airgap.Models.Catalog;

/// <summary>Reads version rows with their files and active flag.</summary>
internal static class VersionReader
{
    public static IReadOnlyList<ModelVersion> Read(SqliteConnection connection, string? name, string? version, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT v.name, v.version, v.format, v.digest, v.size, v.quantization, v.parameter_count, v.metadata_json,
                   v.signer_key_id, v.source, v.validated_at, v.imported_at, v.description, v.license,
                   (m.active_version = v.version) AS active
            FROM versions v LEFT JOIN models m ON m.name = v.name
            WHERE ($name IS NULL OR v.name = $name) AND ($version IS NULL OR v.version = $version)
            """;
        command.Parameters.AddWithValue("$name", (object?)name ?? DBNull.Value);
        command.Parameters.AddWithValue("$version", (object?)version ?? DBNull.Value);
        var versions = new List<ModelVersion>();
        using (var r = command.ExecuteReader())
        {
            while (r.Read())
            {
                string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
                versions.Add(new ModelVersion(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4),
                    [], Text(5), r.IsDBNull(6) ? null : r.GetInt64(6), r.GetString(7), Text(8), r.GetString(9),
                    DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(10)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(11)),
                    Text(12), Text(13), !r.IsDBNull(14) && r.GetInt64(14) == 1));
            }
        }
        return versions.Select(v => WithFiles(connection, transaction, v)).ToList();
    }

    private static ModelVersion WithFiles(SqliteConnection connection, SqliteTransaction? transaction, ModelVersion version)
    {
        var files = ReadFiles(connection, transaction, version.Name, version.Version);
        var projector = ProjectorPath(connection, transaction, version.Name, version.Version);
        return version with { Files = files, Projector = projector is null ? null : files.FirstOrDefault(f => f.Path == projector) };
    }

    private static string? ProjectorPath(SqliteConnection connection, SqliteTransaction? transaction, string name, string version)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT path FROM version_projectors WHERE name = $name AND version = $version";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$version", version);
        return command.ExecuteScalar() as string;
    }

    private static List<PackFile> ReadFiles(SqliteConnection connection, SqliteTransaction? transaction, string name, string version)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT path, digest, size FROM version_files WHERE name = $name AND version = $version ORDER BY ordinal";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$version", version);
        using var r = command.ExecuteReader();
        var files = new List<PackFile>();
        while (r.Read()) files.Add(new PackFile(r.GetString(0), r.GetString(1), r.GetInt64(2)));
        return files;
    }
}
