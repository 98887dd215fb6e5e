using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Airgap.Analytics.Anomaly;

/// <summary>
/// Readings received per detector in SQLite (analytics/telemetry.db), with their score and verdict, so retraining can
/// fit on recent readings that were not flagged. Holds at most <c>maxPerDetector</c> readings per detector; older ones go.
/// </summary>
public sealed class TelemetryStore(string path, int maxPerDetector)
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS readings (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            detector TEXT NOT NULL,
            received INTEGER NOT NULL,
            vals TEXT NOT NULL,
            score REAL NOT NULL,
            anomaly INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS readings_by_detector ON readings(detector, id);
        """;

    private readonly AnalyticsDatabase _database = new(path, Schema, "PRAGMA synchronous=NORMAL;");

    /// <summary>Stores scored readings in one transaction and trims the detector's oldest beyond the bound.</summary>
    public void Add(string detector, IReadOnlyList<(double[] Values, AnomalyScore Score)> readings, DateTimeOffset now)
    {
        using var connection = Open();
        using var tx = connection.BeginTransaction();
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO readings (detector, received, vals, score, anomaly) VALUES ($d, $r, $v, $s, $a)";
            var d = insert.Parameters.Add("$d", SqliteType.Text);
            var r = insert.Parameters.Add("$r", SqliteType.Integer);
            var v = insert.Parameters.Add("$v", SqliteType.Text);
            var s = insert.Parameters.Add("$s", SqliteType.Real);
            var a = insert.Parameters.Add("$a", SqliteType.Integer);
            foreach (var (values, score) in readings)
            {
                d.Value = detector; r.Value = now.ToUnixTimeMilliseconds();
                v.Value = string.Join(' ', values.Select(x => x.ToString("R", CultureInfo.InvariantCulture)));
                s.Value = double.IsFinite(score.Score) ? score.Score : double.MaxValue; a.Value = score.IsAnomaly ? 1 : 0;
                insert.ExecuteNonQuery();
            }
        }
        using (var trim = connection.CreateCommand())
        {
            trim.CommandText = """
                DELETE FROM readings WHERE detector = $d AND id <= (
                    SELECT id FROM readings WHERE detector = $d ORDER BY id DESC LIMIT 1 OFFSET $max)
                """;
            trim.Parameters.AddWithValue("$d", detector);
            trim.Parameters.AddWithValue("$max", maxPerDetector);
            trim.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <summary>The latest <paramref name="count"/> readings of a detector, oldest first; only unflagged ones when <paramref name="normalOnly"/>.</summary>
    public IReadOnlyList<double[]> Recent(string detector, int count, bool normalOnly)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT vals FROM readings WHERE detector = $d {(normalOnly ? "AND anomaly = 0" : "")} ORDER BY id DESC LIMIT $n";
        command.Parameters.AddWithValue("$d", detector);
        command.Parameters.AddWithValue("$n", count);
        using var reader = command.ExecuteReader();
        var rows = new List<double[]>();
        while (reader.Read())
            rows.Add(reader.GetString(0).Split(' ').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray());
        rows.Reverse();
        return rows;
    }

    /// <summary>When the detector's latest stored reading arrived; null when it has none.</summary>
    public DateTimeOffset? LatestReceived(string detector)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(received) FROM readings WHERE detector = $d";
        command.Parameters.AddWithValue("$d", detector);
        return command.ExecuteScalar() is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    /// <summary>Readings stored for a detector.</summary>
    public long Count(string detector)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM readings WHERE detector = $d";
        command.Parameters.AddWithValue("$d", detector);
        return (long)command.ExecuteScalar()!;
    }

    private SqliteConnection Open() => _database.Open();
}
