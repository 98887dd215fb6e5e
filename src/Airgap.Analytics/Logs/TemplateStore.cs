using Airgap.Models.Storage;
using Microsoft.Data.Sqlite;

namespace Airgap.Analytics.Logs;

/// <summary>
/// Mined templates in SQLite (analytics/&lt;name&gt;.templates.db under the data home), so mining resumes across
/// restarts: <see cref="Load"/> gives a miner that continues where the saved one stopped, <see cref="Save"/> replaces
/// the stored state in one transaction (a crash leaves the previous state, never half of one).
/// </summary>
public sealed class TemplateStore : IDisposable
{
    private const int SchemaVersion = 1;
    private readonly SqliteConnection _db;

    private TemplateStore(string path)
    {
        Path = path;
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _db.Open();
        Execute("PRAGMA journal_mode=WAL");
        Execute("""
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS templates (id INTEGER PRIMARY KEY, parent INTEGER NOT NULL, branch TEXT NOT NULL,
                tokens TEXT NOT NULL, count INTEGER NOT NULL, first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, example TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS signatures (signature TEXT PRIMARY KEY, template INTEGER NOT NULL) WITHOUT ROWID;
            """);
        var version = Scalar("SELECT value FROM meta WHERE key = 'schema'");
        if (version is null) Execute($"INSERT INTO meta VALUES ('schema', '{SchemaVersion}')");
        else if (version != SchemaVersion.ToString())
            throw new InvalidDataException($"{path}: template store schema {version}, this version reads {SchemaVersion}");
    }

    /// <summary>The SQLite file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating when missing) the store at <paramref name="path"/>.</summary>
    public static TemplateStore Open(string path) => new(System.IO.Path.GetFullPath(path));

    /// <summary>Opens the store named <paramref name="name"/> (letters, digits, '-', '_') in the home's analytics directory.</summary>
    public static TemplateStore Open(AirgapHome home, string name = "default")
    {
        if (name.Length is 0 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"template store name '{name}' must be 1-64 letters, digits, '-' or '_'");
        return Open(System.IO.Path.Combine(home.AnalyticsDirectory, name + ".templates.db"));
    }

    /// <summary>A miner holding the saved state (an empty one when nothing was saved).</summary>
    public TemplateMiner Load()
    {
        var lineCount = long.Parse(Scalar("SELECT value FROM meta WHERE key = 'line_count'") ?? "0");
        var clusters = new List<MinerState.Cluster>();
        using (var read = Command("SELECT id, parent, branch, tokens, count, first_seen, last_seen, example FROM templates ORDER BY id"))
        using (var r = read.ExecuteReader())
            while (r.Read())
                clusters.Add(new MinerState.Cluster(r.GetInt32(0), r.GetInt32(1), r.GetString(2),
                    r.GetString(3).Length == 0 ? [] : r.GetString(3).Split(' '), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetString(7)));
        var signatures = new List<(string, int)>();
        using (var read = Command("SELECT signature, template FROM signatures"))
        using (var r = read.ExecuteReader())
            while (r.Read()) signatures.Add((r.GetString(0), r.GetInt32(1)));
        return TemplateMiner.Restore(new MinerState(lineCount, clusters, signatures));
    }

    /// <summary>Replaces the stored state with <paramref name="miner"/>'s, atomically.</summary>
    public void Save(TemplateMiner miner)
    {
        var state = miner.Capture();
        using var tx = _db.BeginTransaction();
        Execute("DELETE FROM templates; DELETE FROM signatures;");
        using (var insert = Command("INSERT INTO templates VALUES ($id, $parent, $branch, $tokens, $count, $first, $last, $example)"))
        {
            var p = new[] { "$id", "$parent", "$branch", "$tokens", "$count", "$first", "$last", "$example" }
                .Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
            foreach (var c in state.Clusters)
            {
                p[0].Value = c.Id; p[1].Value = c.Parent; p[2].Value = c.Branch; p[3].Value = string.Join(' ', c.Tokens);
                p[4].Value = c.Count; p[5].Value = c.FirstSeen; p[6].Value = c.LastSeen; p[7].Value = c.Example;
                insert.ExecuteNonQuery();
            }
        }
        using (var insert = Command("INSERT INTO signatures VALUES ($s, $t)"))
        {
            var s = insert.Parameters.Add("$s", SqliteType.Text);
            var t = insert.Parameters.Add("$t", SqliteType.Integer);
            foreach (var (signature, id) in state.Signatures)
            {
                s.Value = signature; t.Value = id;
                insert.ExecuteNonQuery();
            }
        }
        Execute($"INSERT OR REPLACE INTO meta VALUES ('line_count', '{state.LineCount}')");
        tx.Commit();
    }

    /// <inheritdoc/>
    public void Dispose() => _db.Dispose();

    private SqliteCommand Command(string sql)
    {
        var c = _db.CreateCommand();
        c.CommandText = sql;
        return c;
    }

    private void Execute(string sql)
    {
        using var c = Command(sql);
        c.ExecuteNonQuery();
    }

    private string? Scalar(string sql)
    {
        using var c = Command(sql);
        return c.ExecuteScalar()?.ToString();
    }
}
