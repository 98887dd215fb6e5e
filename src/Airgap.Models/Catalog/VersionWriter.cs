using Microsoft.Data.Sqlite;

namespace Airgap.Models.Catalog;

/// <summary>Inserts and deletes version rows and their files inside a caller's transaction.</summary>
internal static class VersionWriter
{
    public static void Insert(SqliteConnection connection, SqliteTransaction transaction, ModelVersion v)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO versions (name, version, format, digest, size, quantization, parameter_count, metadata_json,
                                  signer_key_id, source, validated_at, imported_at, description, license)
            VALUES ($name, $version, $format, $digest, $size, $quantization, $parameters, $metadata,
                    $signer, $source, $validated, $imported, $description, $license)
            """;
        command.Parameters.AddWithValue("$name", v.Name);
        command.Parameters.AddWithValue("$version", v.Version);
        command.Parameters.AddWithValue("$format", v.Format);
        command.Parameters.AddWithValue("$digest", v.Digest);
        command.Parameters.AddWithValue("$size", v.Size);
        command.Parameters.AddWithValue("$quantization", (object?)v.Quantization ?? DBNull.Value);
        command.Parameters.AddWithValue("$parameters", (object?)v.ParameterCount ?? DBNull.Value);
        command.Parameters.AddWithValue("$metadata", v.MetadataJson);
        command.Parameters.AddWithValue("$signer", (object?)v.SignerKeyId ?? DBNull.Value);
        command.Parameters.AddWithValue("$source", v.Source);
        command.Parameters.AddWithValue("$validated", v.ValidatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$imported", v.ImportedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$description", (object?)v.Description ?? DBNull.Value);
        command.Parameters.AddWithValue("$license", (object?)v.License ?? DBNull.Value);
        command.ExecuteNonQuery();

        for (var i = 0; i < v.Files.Count; i++)
        {
            using var file = connection.CreateCommand();
            file.Transaction = transaction;
            file.CommandText = "INSERT INTO version_files (name, version, path, digest, size, ordinal) VALUES ($name, $version, $path, $digest, $size, $ordinal)";
            file.Parameters.AddWithValue("$name", v.Name);
            file.Parameters.AddWithValue("$version", v.Version);
            file.Parameters.AddWithValue("$path", v.Files[i].Path);
            file.Parameters.AddWithValue("$digest", v.Files[i].Sha256);
            file.Parameters.AddWithValue("$size", v.Files[i].Size);
            file.Parameters.AddWithValue("$ordinal", i);
            file.ExecuteNonQuery();
        }

        if (v.Projector is { } projector)
        {
            using var projectorRow = connection.CreateCommand();
            projectorRow.Transaction = transaction;
            projectorRow.CommandText = "INSERT INTO version_projectors (name, version, path) VALUES ($name, $version, $path)";
            projectorRow.Parameters.AddWithValue("$name", v.Name);
            projectorRow.Parameters.AddWithValue("$version", v.Version);
            projectorRow.Parameters.AddWithValue("$path", projector.Path);
            projectorRow.ExecuteNonQuery();
        }
    }

    public static void Delete(SqliteConnection connection, SqliteTransaction transaction, string name, string version)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM versions WHERE name = $name AND version = $version";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$version", version);
        command.ExecuteNonQuery();
    }

    public static bool IsReferenced(SqliteConnection connection, SqliteTransaction? transaction, string digest)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM version_files WHERE digest = $digest)";
        command.Parameters.AddWithValue("$digest", digest);
        return (long)command.ExecuteScalar()! == 1;
    }
}
