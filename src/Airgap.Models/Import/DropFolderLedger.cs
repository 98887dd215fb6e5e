using Airgap.Models.Catalog;

namespace Airgap.Models.Import;

/// <summary>
/// The packs the drop-folder watcher has handled (imported, already registered, or refused), kept in registry.db so
/// that a restart neither retries a refusal nor copies an imported pack again. Its table is its own migration step.
/// </summary>
public sealed class DropFolderLedger(string databasePath, TimeProvider? clock = null)
{
    private const string Migration = """
        CREATE TABLE IF NOT EXISTS drop_folder_handled (
            fingerprint TEXT PRIMARY KEY,
            folder TEXT NOT NULL,
            outcome TEXT NOT NULL,
            handled_at INTEGER NOT NULL
        );
        """;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>True when the pack with this fingerprint was handled before.</summary>
    public bool Contains(string fingerprint)
    {
        using var connection = RegistryDatabase.Open(databasePath);
        RegistryDatabase.Execute(connection, Migration);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM drop_folder_handled WHERE fingerprint = $fingerprint";
        command.Parameters.AddWithValue("$fingerprint", fingerprint);
        return command.ExecuteScalar() is not null;
    }

    /// <summary>Records that the pack in <paramref name="folder"/> with this fingerprint was handled, and how.</summary>
    public void Record(string fingerprint, string folder, string outcome)
    {
        using var connection = RegistryDatabase.Open(databasePath);
        RegistryDatabase.Execute(connection, Migration);
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO drop_folder_handled (fingerprint, folder, outcome, handled_at) VALUES ($fingerprint, $folder, $outcome, $at)
            ON CONFLICT (fingerprint) DO UPDATE SET outcome = $outcome, handled_at = $at
            """;
        command.Parameters.AddWithValue("$fingerprint", fingerprint);
        command.Parameters.AddWithValue("$folder", folder);
        command.Parameters.AddWithValue("$outcome", outcome);
        command.Parameters.AddWithValue("$at", _clock.GetUtcNow().ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
    }
}
