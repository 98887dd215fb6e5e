using Microsoft.Data.Sqlite;

namespace Airgap.Analytics.LogAnalysis;

/// <summary>
/// The model's answers kept in SQLite, keyed by template text and model version: a template seen before is not
/// asked again until the model changes. Only model answers are kept; the rules are cheap and a site may edit them.
/// </summary>
public sealed class LogAnalysisCache
{
    private readonly string _connectionString;

    /// <summary>Opens (creating when missing) the cache database at <paramref name="path"/>.</summary>
    public LogAnalysisCache(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS template_analysis (
                template TEXT NOT NULL,
                model_version TEXT NOT NULL,
                severity TEXT NOT NULL,
                category TEXT NOT NULL,
                likely_cause TEXT NOT NULL,
                suggested_action TEXT NOT NULL,
                created_at TEXT NOT NULL,
                PRIMARY KEY (template, model_version));
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>The file name of the cache under the data home's analytics directory.</summary>
    public const string FileName = "log-analysis.db";

    /// <summary>The cached answer for a template from a model version, marked as coming from the cache, or null.</summary>
    public TemplateAnalysis? Find(string template, string modelVersion)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT severity, category, likely_cause, suggested_action FROM template_analysis
            WHERE template = $template AND model_version = $version
            """;
        command.Parameters.AddWithValue("$template", template);
        command.Parameters.AddWithValue("$version", modelVersion);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new TemplateAnalysis(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), LogAnalysisVocabulary.FromCache)
            : null;
    }

    /// <summary>Keeps a model's answer for a template (replacing an older one for the same version).</summary>
    public void Store(string template, string modelVersion, TemplateAnalysis analysis)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO template_analysis (template, model_version, severity, category, likely_cause, suggested_action, created_at)
            VALUES ($template, $version, $severity, $category, $cause, $action, $at)
            """;
        command.Parameters.AddWithValue("$template", template);
        command.Parameters.AddWithValue("$version", modelVersion);
        command.Parameters.AddWithValue("$severity", analysis.Severity);
        command.Parameters.AddWithValue("$category", analysis.Category);
        command.Parameters.AddWithValue("$cause", analysis.LikelyCause);
        command.Parameters.AddWithValue("$action", analysis.SuggestedAction);
        command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
        command.ExecuteNonQuery();
    }

    /// <summary>How many answers are kept (for tests and `doctor`-style reports).</summary>
    public long Count()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM template_analysis";
        return (long)command.ExecuteScalar()!;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
