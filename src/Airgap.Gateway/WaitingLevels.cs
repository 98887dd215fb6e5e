namespace Airgap.Gateway;

/// <summary>
/// Which of a model's ten priority levels may hold jobs, so a worker asks JetStream only there: a job published at a
/// level marks it, a fetch that finds nothing clears it, and a quiet second marks them all again (a job handed back
/// after a lost worker's ack wait is not published anew).
/// </summary>
internal sealed class WaitingLevels
{
    private readonly bool[] _maybe = Enumerable.Repeat(true, JobSubjects.Priorities).ToArray();

    /// <summary>A job was published on <paramref name="subject"/>.</summary>
    public void Arrived(string subject)
    {
        if (JobSubjects.Parse(subject) is { } job) _maybe[job.Priority] = true;
    }

    /// <summary>A fetch at <paramref name="priority"/> found nothing.</summary>
    public void Empty(int priority) => _maybe[priority] = false;

    /// <summary>True when <paramref name="priority"/> may hold a job.</summary>
    public bool May(int priority) => _maybe[priority];

    /// <summary>Every level may hold a job again.</summary>
    public void All() => Array.Fill(_maybe, true);
}
