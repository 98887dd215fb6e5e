using Microsoft.Data.Sqlite;

namespace Airgap.Analytics;

/// <summary>
/// One SQLite file of the assistants (under analytics/ in the data home): opened per operation in WAL mode with a
/// busy timeout (and the store's own pragmas), its schema created once per instance, and the small command helpers every store uses.
/// </summary>
internal sealed class AnalyticsDatabase(string path, string schema, string extraPragmas = "")
{
    private readonly Lock _schemaLock = new();
    private bool _schemaReady;

    public string Path { get; } = path;

    /// <summary>An open connection (the caller disposes it); the folder and the schema are made on first use.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30 }.ToString());
        try
        {
            lock (_schemaLock)
                if (!_schemaReady) Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
            connection.Open();
            Execute(connection, $"PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000; {extraPragmas}");
            lock (_schemaLock)
            {
                if (!_schemaReady) Execute(connection, schema);
                _schemaReady = true;
            }
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static int Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static object? Scalar(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteScalar();
    }

    public static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }
}
