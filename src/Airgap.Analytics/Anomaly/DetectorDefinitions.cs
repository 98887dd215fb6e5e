using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Airgap.Analytics.Anomaly;

/// <summary>
/// Detector definitions in SQLite (analytics/anomaly.db): name, features, algorithm, parameters. The trained
/// versions are models in the registry; this holds only what to train them with.
/// </summary>
public sealed class DetectorDefinitions(string path)
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS detectors (
            name TEXT PRIMARY KEY,
            features TEXT NOT NULL,
            algorithm TEXT NOT NULL,
            parameters TEXT NOT NULL,
            created INTEGER NOT NULL
        );
        """;

    private readonly AnalyticsDatabase _database = new(path, Schema);

    /// <summary>Adds a definition; false when one of that name exists (nothing changes then).</summary>
    public bool Add(DetectorDefinition definition)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO detectors VALUES ($n, $f, $a, $p, $c) ON CONFLICT(name) DO NOTHING";
        command.Parameters.AddWithValue("$n", definition.Name);
        command.Parameters.AddWithValue("$f", JsonSerializer.Serialize(definition.Features, AnomalyJsonContext.Default.IReadOnlyListString));
        command.Parameters.AddWithValue("$a", definition.Algorithm);
        command.Parameters.AddWithValue("$p", JsonSerializer.Serialize(definition.Parameters, AnomalyJsonContext.Default.IReadOnlyDictionaryStringString));
        command.Parameters.AddWithValue("$c", definition.Created.ToUnixTimeMilliseconds());
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Removes a definition; false when there was none.</summary>
    public bool Remove(string name)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM detectors WHERE name = $n";
        command.Parameters.AddWithValue("$n", name);
        return command.ExecuteNonQuery() == 1;
    }

    public DetectorDefinition? Find(string name) => Read("WHERE name = $n", name).FirstOrDefault();

    public IReadOnlyList<DetectorDefinition> All() => Read("ORDER BY name", null);

    private List<DetectorDefinition> Read(string where, string? name)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name, features, algorithm, parameters, created FROM detectors {where}";
        if (name is not null) command.Parameters.AddWithValue("$n", name);
        using var reader = command.ExecuteReader();
        var list = new List<DetectorDefinition>();
        while (reader.Read())
            list.Add(new DetectorDefinition(reader.GetString(0),
                JsonSerializer.Deserialize(reader.GetString(1), AnomalyJsonContext.Default.IReadOnlyListString) ?? [],
                reader.GetString(2),
                JsonSerializer.Deserialize(reader.GetString(3), AnomalyJsonContext.Default.IReadOnlyDictionaryStringString) ?? new Dictionary<string, string>(),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
        return list;
    }

    private SqliteConnection Open() => _database.Open();
}
