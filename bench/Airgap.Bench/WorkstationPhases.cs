using System.Globalization;
using Airgap.Gateway;

namespace Airgap.Bench;

/// <summary>
/// The measured phases of `--workstations`, in order: A idle, A under a p0 flood, B unloaded, B beside a flooder that
/// retries every 429 at once, B beside one that honours Retry-After. Each
/// phase runs its senders for the phase's length, stops its background load, and waits for the gateway's queue to drain.
/// </summary>
public sealed class WorkstationPhases(IReadOnlyList<Workstation> stations, GatewayStatus status, TimeSpan length, CancellationToken cancellationToken)
{
    /// <summary>Tokens every request generates; each caller's in-flight limit at the gateway.</summary>
    public const int Tokens = 8, MaxInFlight = 2;

    /// <summary>Workstations 0.. that send p9 in A; 0.. that send at a pace in B; workstation <see cref="FairSenders"/> floods in B.</summary>
    public const int PrioritySenders = 5, FairSenders = 20, FlooderConcurrency = 32;

    /// <summary>The fewest workstations the phases need.</summary>
    public const int MinimumCount = FairSenders + 2;

    public const string PriorityIdle = "A: p9 p95 ms, idle", PriorityFlood = "A: p9 p95 ms, under p0 flood";
    public const string FairUnloaded = "B: p95 ms, unloaded", FairLoaded = "B: others' p95 ms, beside a flooder";
    public const string FairPolite = "B: others' p95 ms, beside a polite flooder";

    private static readonly TimeSpan PriorityPeriod = TimeSpan.FromMilliseconds(500), FairPeriod = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Ramp = TimeSpan.FromSeconds(2), Grace = TimeSpan.FromSeconds(30);

    // A flood's own requests are load, not figures: those still unanswered a moment after it stops are cancelled (the
    // gateway then cancels their jobs) rather than waited for behind a queue that may hold hundreds.
    private static readonly TimeSpan LoadGrace = TimeSpan.FromSeconds(1);

    private readonly List<(string Phase, Tally Tally, double Seconds)> _rows = [];

    private readonly List<string> _flooderLines = [];

    /// <summary>What each flooder got, for the lines under the ratios.</summary>
    public IReadOnlyList<string> FlooderLines => _flooderLines;

    /// <summary>Connections in workstation <paramref name="index"/>'s pool: its in-flight share, the flooder's concurrency for the flooder.</summary>
    public static int Connections(int index) => index == FairSenders ? FlooderConcurrency : MaxInFlight;

    /// <summary>A: the p9 senders alone, then the same beside every other workstation flooding p0.</summary>
    public async Task PriorityAsync(Results results)
    {
        var senders = stations.Take(PrioritySenders).ToList();
        var flooders = stations.Skip(PrioritySenders).ToList();
        var label = $"{PrioritySenders} workstations, p9, one per {PriorityPeriod.TotalMilliseconds:0} ms each";

        var idle = await PacedAsync(senders, 9, PriorityPeriod);
        Add(results, "A: p9", "idle", idle);
        _rows.Add(($"A idle: {label}", idle, 0));

        var flood = new Tally();
        var mostQueued = 0L;
        Tally underFlood;
        await using (var load = BackgroundLoad.Start((stop, abort) =>
                         Task.WhenAll(flooders.Select(s => WorkstationTraffic.KeepInFlightAsync(s, 0, Tokens, MaxInFlight, flood, stop, abort))), cancellationToken))
        {
            await Task.Delay(Ramp, cancellationToken);
            using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var queue = MostQueuedAsync(sampling.Token);
            underFlood = await PacedAsync(senders, 9, PriorityPeriod);
            await sampling.CancelAsync();
            mostQueued = await queue;
            await load.StopAsync(LoadGrace);
            Add(results, "A: p9", "under p0 flood", underFlood);
            _rows.Add(($"A flood: the same {PrioritySenders}, p9", underFlood, 0));
            _rows.Add(($"  load: {flooders.Count} workstations, p0, {MaxInFlight} in flight each", flood, load.Elapsed.TotalSeconds));
            results.Add("A: p0 flood served jobs/s", flood.Served / load.Elapsed.TotalSeconds);
            results.Add("A: p0 flood 429s", flood.Refused(429));
            results.Add("A: p0 flood other refusals", flood.Failed);
            results.Add("A: most jobs queued during the flood", mostQueued);
        }
        await DrainAsync(status, cancellationToken);
    }

    /// <summary>B: <see cref="FairSenders"/> workstations at a modest pace alone, then beside one flooding as fast as it can.</summary>
    public async Task FairnessAsync(Results results)
    {
        var senders = stations.Take(FairSenders).ToList();
        var flooder = stations[FairSenders];
        var label = $"{FairSenders} workstations, p0, one per {FairPeriod.TotalSeconds:0} s each";

        var unloaded = await PacedAsync(senders, null, FairPeriod);
        Add(results, "B:", "unloaded", unloaded);
        _rows.Add(($"B unloaded: {label}", unloaded, 0));

        // The flood the issue names first (every 429 retried at once), then the same workstation as a client that honours
        // Retry-After: the gap between the two is what answering the refusals costs the machine, not what the limit lets through.
        await BesideFlooderAsync(results, senders, flooder, "retrying 429s at once", "a flooder", honours: false);
        await BesideFlooderAsync(results, senders, flooder, "honouring Retry-After", "a polite flooder", honours: true);
    }

    private async Task BesideFlooderAsync(Results results, IReadOnlyList<Workstation> senders, Workstation flooder, string how, string name, bool honours)
    {
        var flood = new Tally();
        await using (var load = BackgroundLoad.Start((stop, abort) => honours
                         ? WorkstationTraffic.KeepInFlightAsync(flooder, null, Tokens, FlooderConcurrency, flood, stop, abort)
                         : WorkstationTraffic.FloodAsync(flooder, null, Tokens, FlooderConcurrency, flood, stop, abort), cancellationToken))
        {
            await Task.Delay(Ramp, cancellationToken);
            var beside = await PacedAsync(senders, null, FairPeriod);
            await load.StopAsync(LoadGrace);
            Add(results, "B: others'", $"beside {name}", beside);
            _rows.Add(($"B loaded: the same {FairSenders}, beside {name}", beside, 0));
            _rows.Add(($"  load: 1 flooder, {FlooderConcurrency} at once, {how}", flood, load.Elapsed.TotalSeconds));
            var attempts = flood.Served + flood.Refused(429) + flood.Failed;
            var rate = attempts / load.Elapsed.TotalSeconds;
            results.Add($"B: {name}: served", flood.Served);
            results.Add($"B: {name}: 429s", flood.Refused(429));
            results.Add($"B: {name}: other refusals", flood.Failed);
            results.Add($"B: {name}: requests/s", rate);
            var share = 100.0 * flood.Refused(429) / Math.Max(1, attempts);
            _flooderLines.Add(Invariant($"{name} ({how}): {flood.Served} served, {flood.Refused(429)} refused with 429 ({share:0.0}% of {attempts} requests, {rate:0} requests/s), {flood.Failed} other refusals"));
        }
        await DrainAsync(status, cancellationToken);
    }

    public void PrintTable()
    {
        Console.WriteLine($"{"phase",-62} {"served",7} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"jobs/s",7}  refused");
        foreach (var (phase, tally, seconds) in _rows)
            Console.WriteLine($"{phase,-62} {tally.Served,7} {Ms(tally.Percentile(50)),8} {Ms(tally.Percentile(95)),8} {Ms(tally.Percentile(99)),8} " +
                              $"{Ms(tally.Percentile(100)),8} {(seconds > 0 ? Ms(tally.Served / seconds) : ""),7}  {tally.RefusalSummary()}");
    }

    /// <summary>Waits until no job is queued or running and no caller has a request in flight, so one phase's leftovers never land in the next.</summary>
    public static async Task DrainAsync(GatewayStatus status, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Grace;
        while (true)
        {
            var snapshot = await status.ReadAsync(cancellationToken);
            if (snapshot.Queue.Sum(q => q.Jobs) == 0 && snapshot.InFlight.Count == 0) return;
            if (DateTime.UtcNow > deadline)
            {
                Console.WriteLine($"note: after {Grace.TotalSeconds:0} s, {snapshot.Queue.Sum(q => q.Jobs)} jobs still queued and " +
                                  $"{snapshot.InFlight.Values.Sum()} requests in flight; the next phase starts anyway");
                return;
            }
            await Task.Delay(200, cancellationToken);
        }
    }

    private async Task<Tally> PacedAsync(IReadOnlyList<Workstation> senders, int? priority, TimeSpan period)
    {
        var tally = new Tally();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(length);
        await Task.WhenAll(senders.Select(s => WorkstationTraffic.PacedAsync(s, priority, Tokens, period, tally, stop.Token, cancellationToken)));
        return tally;
    }

    // The flood's depth in the stream, read once a second: it shows the worker was saturated (jobs waited), not merely busy.
    private async Task<long> MostQueuedAsync(CancellationToken stop)
    {
        var most = 0L;
        try
        {
            while (true)
            {
                var snapshot = await status.ReadAsync(stop);
                most = Math.Max(most, snapshot.Queue.Where(q => q.Priority == 0).Sum(q => q.Jobs));
                await Task.Delay(1000, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return most;
        }
    }

    private static void Add(Results results, string prefix, string phase, Tally tally)
    {
        results.Add($"{prefix} p50 ms, {phase}", tally.Percentile(50));
        results.Add($"{prefix} p95 ms, {phase}", tally.Percentile(95));
        results.Add($"{prefix} p99 ms, {phase}", tally.Percentile(99));
        results.Add($"{prefix} served, {phase}", tally.Served);
        results.Add($"{prefix} refused, {phase}", tally.Refused(429) + tally.Failed);
    }

    private static string Ms(double value) => double.IsNaN(value) ? "-" : value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
