namespace Airgap.Server.Observability;

/// <summary>
/// The records of this server's requests: the one under way on the current async flow (so the chat pipeline, which
/// knows no HttpContext, can fill it) and the last <see cref="Capacity"/> finished ones, newest first.
/// </summary>
public sealed class RequestRecords
{
    /// <summary>How many finished requests are kept for /api/airgap/requests.</summary>
    public const int Capacity = 200;

    // An instance field, not a static: two servers in one process (tests) keep their requests apart.
    private readonly AsyncLocal<RequestRecord?> _current = new();
    private readonly Queue<RequestRecord> _recent = new();
    private readonly Lock _gate = new();

    /// <summary>The record of the request whose flow this code runs on, or null outside a request (a job's replay, a timer).</summary>
    public RequestRecord? Current
    {
        get => _current.Value;
        set => _current.Value = value;
    }

    /// <summary>Keeps a finished request, dropping the oldest beyond <see cref="Capacity"/>.</summary>
    public void Add(RequestRecord record)
    {
        lock (_gate)
        {
            _recent.Enqueue(record);
            if (_recent.Count > Capacity) _recent.Dequeue();
        }
    }

    /// <summary>The finished requests kept, newest first.</summary>
    public IReadOnlyList<RequestRecord> Recent()
    {
        lock (_gate) return _recent.Reverse().ToList();
    }
}
