namespace Airgap.Bench;

/// <summary>What one group of workstations got in one phase: the served requests' latencies and the refusals by status.</summary>
public sealed class Tally
{
    private readonly List<double> _served = [];
    private readonly Dictionary<int, int> _refused = [];

    public void Add(Reply reply)
    {
        lock (_served)
        {
            if (reply.Status == 200) _served.Add(reply.Latency.TotalMilliseconds);
            else _refused[reply.Status] = _refused.GetValueOrDefault(reply.Status) + 1;
        }
    }

    public int Served
    {
        get { lock (_served) return _served.Count; }
    }

    /// <summary>Answers with <paramref name="status"/> (429 too many, 503 no worker in time, 0 no answer).</summary>
    public int Refused(int status)
    {
        lock (_served) return _refused.GetValueOrDefault(status);
    }

    /// <summary>Every answer that was neither served nor a 429.</summary>
    public int Failed
    {
        get { lock (_served) return _refused.Where(r => r.Key != 429).Sum(r => r.Value); }
    }

    /// <summary>The served latency at <paramref name="percent"/> (nearest rank) in ms; NaN when none was served.</summary>
    public double Percentile(double percent)
    {
        lock (_served)
        {
            if (_served.Count == 0) return double.NaN;
            var sorted = _served.Order().ToList();
            return sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
        }
    }

    /// <summary>The statuses other than 200 and how many of each, for the table ("429 ×12, 503 ×1").</summary>
    public string RefusalSummary()
    {
        lock (_served)
            return _refused.Count == 0 ? "-" : string.Join(", ", _refused.OrderBy(r => r.Key).Select(r => $"{(r.Key == 0 ? "no answer" : r.Key)} x{r.Value}"));
    }
}
