using Microsoft.Data.Sqlite;

namespace Airgap.Server.Jobs;

/// <summary>
/// Jobs in SQLite (jobs.db in the data home, WAL): a job is written before its 202 is sent and changes state in one
/// statement, so a server that stops or dies loses none; what was running is found again by <see cref="Interrupted"/>.
/// </summary>
public sealed class JobStore(string path)
{
    /// <summary>The file's name in the data home.</summary>
    public const string FileName = "jobs.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS jobs (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            identity TEXT NOT NULL,
            idempotency_key TEXT,
            request_digest TEXT NOT NULL,
            status TEXT NOT NULL,
            priority INTEGER NOT NULL,
            model TEXT,
            method TEXT NOT NULL,
            path TEXT NOT NULL,
            query TEXT NOT NULL,
            content_type TEXT,
            priority_header TEXT,
            body BLOB,
            attempts INTEGER NOT NULL DEFAULT 0,
            created INTEGER NOT NULL,
            started INTEGER,
            finished INTEGER,
            result_status INTEGER,
            result_type TEXT,
            result BLOB
        );
        CREATE UNIQUE INDEX IF NOT EXISTS jobs_by_key ON jobs(identity, idempotency_key) WHERE idempotency_key IS NOT NULL;
        CREATE INDEX IF NOT EXISTS jobs_by_identity ON jobs(identity, seq);
        CREATE INDEX IF NOT EXISTS jobs_by_status ON jobs(status, seq);
        """;

    private const string View = "id, status, priority, model, path, created, started, finished, result_status, result_type";
    private const string Active = $"status IN ('{JobStatus.Queued}', '{JobStatus.Running}')";

    private readonly Lock _schemaLock = new();
    private bool _schemaReady;

    /// <summary>
    /// Stores <paramref name="job"/> as queued, or returns the caller's job with the same Idempotency-Key (Created false).
    /// Throws <see cref="IdempotencyKeyReusedException"/> when that key was for another request, and
    /// <see cref="TooManyJobsException"/> when the caller has <paramref name="maxActive"/> jobs queued or running.
    /// </summary>
    public (Job Job, bool Created) Submit(NewJob job, int maxActive, DateTimeOffset now)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(); // IMMEDIATE: the count and the insert see the same jobs
        if (job.IdempotencyKey is not null)
        {
            using var find = Command(connection, $"SELECT request_digest, {View} FROM jobs WHERE identity = $i AND idempotency_key = $k",
                ("$i", job.Identity), ("$k", job.IdempotencyKey));
            using var reader = find.ExecuteReader();
            if (reader.Read())
            {
                var existing = Read(reader, 1, withResult: false);
                if (reader.GetString(0) != job.RequestDigest) throw new IdempotencyKeyReusedException(existing.Id);
                return (existing, false);
            }
        }
        using (var count = Command(connection, $"SELECT count(*) FROM jobs WHERE identity = $i AND {Active}", ("$i", job.Identity)))
        {
            if ((long)count.ExecuteScalar()! >= maxActive) throw new TooManyJobsException(maxActive);
        }
        var id = "job_" + Guid.NewGuid().ToString("N")[..24];
        using (var insert = Command(connection, """
            INSERT INTO jobs (id, identity, idempotency_key, request_digest, status, priority, model, method, path, query, content_type,
                              priority_header, body, created)
            VALUES ($id, $i, $k, $d, $s, $p, $m, $method, $path, $q, $ct, $ph, $b, $c)
            """,
            ("$id", id), ("$i", job.Identity), ("$k", job.IdempotencyKey), ("$d", job.RequestDigest), ("$s", JobStatus.Queued),
            ("$p", job.Priority), ("$m", job.Model), ("$method", job.Method), ("$path", job.Path), ("$q", job.Query),
            ("$ct", job.ContentType), ("$ph", job.PriorityHeader), ("$b", job.Body), ("$c", now.ToUnixTimeMilliseconds())))
        {
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
        return (new Job(id, JobStatus.Queued, job.Priority, job.Model, job.Path, Truncated(now), null, null, null, null, null), true);
    }

    /// <summary>The caller's job with its result; null when there is none (or it is another caller's).</summary>
    public Job? Get(string identity, string id)
    {
        using var connection = Open();
        using var command = Command(connection, $"SELECT {View}, result FROM jobs WHERE identity = $i AND id = $id", ("$i", identity), ("$id", id));
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader, 0, withResult: true) : null;
    }

    /// <summary>The caller's newest <paramref name="limit"/> jobs, newest first, without results; only those in <paramref name="status"/> when given.</summary>
    public IReadOnlyList<Job> List(string identity, string? status, int limit)
    {
        using var connection = Open();
        using var command = Command(connection,
            $"SELECT {View} FROM jobs WHERE identity = $i AND ($s IS NULL OR status = $s) ORDER BY seq DESC LIMIT $n",
            ("$i", identity), ("$s", status), ("$n", limit));
        using var reader = command.ExecuteReader();
        var jobs = new List<Job>();
        while (reader.Read()) jobs.Add(Read(reader, 0, withResult: false));
        return jobs;
    }

    /// <summary>
    /// Marks the next queued job running and returns its request: highest priority first, a waiting job gaining one level
    /// per <paramref name="aging"/>, oldest first among equals; null when none is queued.
    /// </summary>
    public JobRequest? ClaimNext(DateTimeOffset now, TimeSpan aging)
    {
        using var connection = Open();
        using var command = Command(connection, $"""
            UPDATE jobs SET status = '{JobStatus.Running}', started = $now, attempts = attempts + 1
            WHERE seq = (SELECT seq FROM jobs WHERE status = '{JobStatus.Queued}'
                         ORDER BY min(9, priority + ($now - created) / $aging) DESC, seq LIMIT 1)
            RETURNING id, identity, method, path, query, content_type, priority_header, body, attempts
            """, ("$now", now.ToUnixTimeMilliseconds()), ("$aging", Math.Max(1L, (long)aging.TotalMilliseconds)));
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        return new JobRequest(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
            reader.IsDBNull(7) ? [] : (byte[])reader.GetValue(7), reader.GetInt32(8));
    }

    /// <summary>Records how a running job ended (done, failed or cancelled) and drops its stored request; false when it was no longer running.</summary>
    public bool Finish(string id, string status, int? resultStatus, string? resultType, byte[]? result, DateTimeOffset now)
    {
        using var connection = Open();
        using var command = Command(connection, $"""
            UPDATE jobs SET status = $s, finished = $now, result_status = $rs, result_type = $rt, result = $r, body = NULL
            WHERE id = $id AND status = '{JobStatus.Running}'
            """, ("$s", status), ("$now", now.ToUnixTimeMilliseconds()), ("$rs", resultStatus), ("$rt", resultType), ("$r", result), ("$id", id));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Cancels the caller's job if it is queued or running; returns it as it now is, null when the caller has no such job.</summary>
    public Job? Cancel(string identity, string id, DateTimeOffset now)
    {
        using (var connection = Open())
        using (var command = Command(connection, $"""
            UPDATE jobs SET status = '{JobStatus.Cancelled}', finished = $now, body = NULL
            WHERE identity = $i AND id = $id AND {Active}
            """, ("$now", now.ToUnixTimeMilliseconds()), ("$i", identity), ("$id", id)))
        {
            command.ExecuteNonQuery();
        }
        return Get(identity, id);
    }

    /// <summary>Jobs left running by a process that stopped or died (with how often each was started), oldest first.</summary>
    public IReadOnlyList<(string Id, string Path, int Attempts)> Interrupted()
    {
        using var connection = Open();
        using var command = Command(connection, $"SELECT id, path, attempts FROM jobs WHERE status = '{JobStatus.Running}' ORDER BY seq");
        using var reader = command.ExecuteReader();
        var jobs = new List<(string, string, int)>();
        while (reader.Read()) jobs.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
        return jobs;
    }

    /// <summary>
    /// Puts an interrupted running job back in the queue at its place (creation time and order kept); with
    /// <paramref name="refund"/> (the server stopped it) the start does not count towards giving up.
    /// </summary>
    public void Requeue(string id, bool refund)
    {
        using var connection = Open();
        using var command = Command(connection, $"""
            UPDATE jobs SET status = '{JobStatus.Queued}', started = NULL, attempts = attempts - $refund
            WHERE id = $id AND status = '{JobStatus.Running}'
            """, ("$id", id), ("$refund", refund ? 1 : 0));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Results older than <paramref name="retention"/> are removed (the job reads <c>expired</c>); expired jobs older than
    /// twice that are deleted, Idempotency-Key included. Returns how many jobs changed.
    /// </summary>
    public int Sweep(DateTimeOffset now, TimeSpan retention)
    {
        using var connection = Open();
        var cutoff = (now - retention).ToUnixTimeMilliseconds();
        var gone = (now - retention - retention).ToUnixTimeMilliseconds();
        using var expire = Command(connection, $"""
            UPDATE jobs SET status = '{JobStatus.Expired}', result = NULL, result_type = NULL, body = NULL
            WHERE status IN ('{JobStatus.Done}', '{JobStatus.Failed}', '{JobStatus.Cancelled}') AND finished <= $cutoff
            """, ("$cutoff", cutoff));
        using var delete = Command(connection, $"DELETE FROM jobs WHERE status = '{JobStatus.Expired}' AND finished <= $gone", ("$gone", gone));
        return expire.ExecuteNonQuery() + delete.ExecuteNonQuery();
    }

    private static Job Read(SqliteDataReader r, int at, bool withResult) => new(
        r.GetString(at), r.GetString(at + 1), r.GetInt32(at + 2), r.IsDBNull(at + 3) ? null : r.GetString(at + 3), r.GetString(at + 4),
        Time(r, at + 5)!.Value, Time(r, at + 6), Time(r, at + 7),
        r.IsDBNull(at + 8) ? null : r.GetInt32(at + 8), r.IsDBNull(at + 9) ? null : r.GetString(at + 9),
        withResult && !r.IsDBNull(at + 10) ? (byte[])r.GetValue(at + 10) : null);

    private static DateTimeOffset? Time(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));

    private static DateTimeOffset Truncated(DateTimeOffset t) => DateTimeOffset.FromUnixTimeMilliseconds(t.ToUnixTimeMilliseconds());

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30 }.ToString());
        try
        {
            connection.Open();
            using (var pragmas = Command(connection, "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000; PRAGMA synchronous=FULL;"))
                pragmas.ExecuteNonQuery();
            lock (_schemaLock)
            {
                if (!_schemaReady)
                {
                    using var create = Command(connection, Schema);
                    create.ExecuteNonQuery();
                    _schemaReady = true;
                }
            }
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}
