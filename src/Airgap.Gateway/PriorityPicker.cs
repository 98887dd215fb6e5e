namespace Airgap.Gateway;

/// <summary>
/// The order a worker asks its ten priority queues in: most urgent first, but a level's wait raises it one step per
/// <c>agingStep</c>, so under a flood of p9 jobs a p0 job is still taken within about ten steps.
/// </summary>
internal sealed class PriorityPicker(TimeSpan agingStep, TimeProvider clock)
{
    private readonly DateTimeOffset[] _since = Enumerable.Repeat(clock.GetUtcNow(), JobSubjects.Priorities).ToArray();

    /// <summary>Priorities in the order to try them now.</summary>
    public int[] Order()
    {
        var now = clock.GetUtcNow();
        return Enumerable.Range(0, JobSubjects.Priorities)
            .OrderByDescending(p => p + (now - _since[p]) / agingStep)
            .ThenByDescending(p => p)
            .ToArray();
    }

    /// <summary>A job of <paramref name="priority"/> was taken, or none was waiting there: its wait starts again.</summary>
    public void Reset(int priority) => _since[priority] = clock.GetUtcNow();
}
