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
    private const int SchemaVersion = 2;
    private readonly SqliteConnection _db;

    private TemplateStore(string path)
    {
        Path = path;
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _db.Open();
        Execute("PRAGMA journal_mode=WAL");
        Execute("""
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS families (id INTEGER PRIMARY KEY, branch TEXT NOT NULL, tokens TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS differing (family INTEGER NOT NULL, position INTEGER NOT NULL, value TEXT, PRIMARY KEY (family, position, value));
            CREATE TABLE IF NOT EXISTS templates (id INTEGER PRIMARY KEY, parent INTEGER NOT NULL, family INTEGER NOT NULL,
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
        // A differing position is stored as one row per word, or one row with a NULL word once it is a variable.
        var differing = new Dictionary<long, SortedDictionary<int, List<string>?>>();
        using (var read = Command("SELECT family, position, value FROM differing ORDER BY family, position"))
        using (var r = read.ExecuteReader())
            while (r.Read())
            {
                var positions = differing.TryGetValue(r.GetInt64(0), out var p) ? p : differing[r.GetInt64(0)] = [];
                if (r.IsDBNull(2)) positions[r.GetInt32(1)] = null;
                else if (!positions.TryGetValue(r.GetInt32(1), out var words) || words is not null)
                    (words ?? (positions[r.GetInt32(1)] = [])).Add(r.GetString(2));
            }
        var families = new List<MinerState.Family>();
        using (var read = Command("SELECT id, branch, tokens FROM families ORDER BY id"))
        using (var r = read.ExecuteReader())
            while (r.Read())
                families.Add(new MinerState.Family(r.GetInt32(0), r.GetString(1), Tokens(r.GetString(2)),
                    differing.TryGetValue(r.GetInt64(0), out var d) ? d.Select(kv => (kv.Key, kv.Value?.ToArray())).ToArray() : []));
        var clusters = new List<MinerState.Cluster>();
        using (var read = Command("SELECT id, parent, family, tokens, count, first_seen, last_seen, example FROM templates ORDER BY id"))
        using (var r = read.ExecuteReader())
            while (r.Read())
                clusters.Add(new MinerState.Cluster(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), Tokens(r.GetString(3)),
                    r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetString(7)));
        var signatures = new List<(string, int)>();
        using (var read = Command("SELECT signature, template FROM signatures"))
        using (var r = read.ExecuteReader())
            while (r.Read()) signatures.Add((r.GetString(0), r.GetInt32(1)));
        return TemplateMiner.Restore(new MinerState(lineCount, families, clusters, signatures));
    }

    /// <summary>Replaces the stored state with <paramref name="miner"/>'s, atomically.</summary>
    public void Save(TemplateMiner miner)
    {
        var state = miner.Capture();
        using var tx = _db.BeginTransaction();
        Execute("DELETE FROM families; DELETE FROM differing; DELETE FROM templates; DELETE FROM signatures;");
        Insert("INSERT INTO families VALUES ($1, $2, $3)", state.Families.Select(f => new object?[] { f.Index, f.Branch, string.Join(' ', f.Tokens) }));
        Insert("INSERT INTO differing VALUES ($1, $2, $3)", state.Families.SelectMany(f => f.Differing.SelectMany(d =>
            d.Values is null ? [new object?[] { f.Index, d.Position, null }] : d.Values.Select(v => new object?[] { f.Index, d.Position, v }))));
        Insert("INSERT INTO templates VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", state.Clusters.Select(c => new object?[]
            { c.Id, c.Parent, c.Family, string.Join(' ', c.Tokens), c.Count, c.FirstSeen, c.LastSeen, c.Example }));
        Insert("INSERT INTO signatures VALUES ($1, $2)", state.Signatures.Select(s => new object?[] { s.Signature, s.Id }));
        Execute($"INSERT OR REPLACE INTO meta VALUES ('line_count', '{state.LineCount}')");
        tx.Commit();
    }

    private static string[] Tokens(string text) => text.Length == 0 ? [] : text.Split(' ');

    private void Insert(string sql, IEnumerable<object?[]> rows)
    {
        using var insert = Command(sql);
        var parameters = new List<SqliteParameter>();
        foreach (var row in rows)
        {
            while (parameters.Count < row.Length) parameters.Add(insert.Parameters.Add("$" + (parameters.Count + 1), SqliteType.Text));
            for (var i = 0; i < row.Length; i++) parameters[i].Value = row[i] ?? DBNull.Value;
            insert.ExecuteNonQuery();
        }
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
