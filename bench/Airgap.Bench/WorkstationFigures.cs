using Airgap.Gateway;
using Airgap.Models.Synthetic;
using Airgap.Server.Hosting;

namespace Airgap.Bench;

/// <summary>
/// `--workstations [--count 100] [--seconds 15]`: a plant's workstations (one API key each, loopback only) on one
/// gateway, one worker and the tiny synthetic model. A, priority: a few workstations' p9 requests alone, then under
/// a p0 flood from all the others (each keeping its share in flight, backing off on 429). B, fairness: 20 workstations
/// at a modest pace alone, then beside one workstation flooding as fast as it can (retrying 429s at once), then beside
/// the same flooder honouring Retry-After. Prints the
/// latency ratios the issue names (p95 under load / p95 alone) and what the flooder got. Figures, never pass/fail.
/// </summary>
public static class WorkstationFigures
{
    private const int Parallel = 4;

    public static async Task<int> RunAsync(BenchOptions options, string work)
    {
        if (NatsServerProcess.Find() is not { } binary)
        {
            Console.Error.WriteLine("--workstations needs nats-server with JetStream, which is not installed: apt-get install -y nats-server");
            return 1;
        }
        var count = options.Workstations;
        if (count < WorkstationPhases.MinimumCount)
        {
            Console.Error.WriteLine($"--count must be at least {WorkstationPhases.MinimumCount}: {WorkstationPhases.FairSenders} paced workstations, " +
                                    $"a flooder, and a p0 flood beside {WorkstationPhases.PrioritySenders} p9 senders");
            return 1;
        }
        var tinyPath = Path.Combine(work, "tiny.gguf");
        SyntheticModelWriter.Write(tinyPath, SyntheticPreset.Tiny);
        var inference = ServedHost.Inference(options.Threads) with { Parallel = Parallel };
        var length = TimeSpan.FromSeconds(options.Seconds);
        // Never a run left behind: past this everything in flight is cancelled (the phases end long before).
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(5) + 6 * length);
        using var nats = await NatsServerProcess.StartAsync(binary, work);
        await using var gateway = await GatewayHost.StartTinyAsync(tinyPath, inference, work, nats.Url,
            [.. Enumerable.Range(0, count).Select(Workstation.KeyFor)], new FairnessOptions { MaxInFlight = WorkstationPhases.MaxInFlight });
        var stations = Enumerable.Range(0, count).Select(i => new Workstation(i, gateway.Address, WorkstationPhases.Connections(i))).ToList();
        try
        {
            Console.WriteLine($"{count} workstations (one API key each, Fairness:MaxInFlight {WorkstationPhases.MaxInFlight}), one gateway, one worker " +
                              $"(parallel {Parallel}, {options.Threads} threads) on the synthetic tiny model ({new FileInfo(tinyPath).Length / 1e6:0.0} MB), " +
                              $"{WorkstationPhases.Tokens}-token greedy generations, {options.Seconds} s per phase, cpu cores {Environment.ProcessorCount}; {nats.Command}");
            // Every workstation once, all at once: the JIT, each caller's limiter and each one's connection are warm before anything is timed.
            await Task.WhenAll(stations.Select(s => s.GenerateAsync(null, WorkstationPhases.Tokens, bound.Token)));
            await WorkstationPhases.DrainAsync(gateway.Status, bound.Token);

            var phases = new WorkstationPhases(stations, gateway.Status, length, bound.Token);
            var results = new Results();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await phases.PriorityAsync(results);
            Console.WriteLine($"A (priority) done in {clock.Elapsed.TotalSeconds:0} s, queue drained");
            clock.Restart();
            await phases.FairnessAsync(results);
            Console.WriteLine($"B (fairness) done in {clock.Elapsed.TotalSeconds:0} s, queue drained");
            Console.WriteLine();
            phases.PrintTable();
            Console.WriteLine();
            results.AddRatio("p9 p95 under a p0 flood / idle", WorkstationPhases.PriorityFlood, WorkstationPhases.PriorityIdle, "<= 1.2");
            results.AddRatio("others' p95 beside a flooder / unloaded", WorkstationPhases.FairLoaded, WorkstationPhases.FairUnloaded, "<= 1.5");
            results.AddRatio("others' p95 beside a polite flooder / unloaded", WorkstationPhases.FairPolite, WorkstationPhases.FairUnloaded);
            results.PrintRatios();
            foreach (var line in phases.FlooderLines) Console.WriteLine(line);
            if (options.Record) Record(options, tinyPath, results, nats.Command);
            return 0;
        }
        finally
        {
            await bound.CancelAsync();
            foreach (var station in stations) station.Dispose();
        }
    }

    private static void Record(BenchOptions options, string tinyPath, Results results, string natsCommand)
    {
        if (RunRecord.RepositoryRoot() is not { } root)
        {
            Console.WriteLine("not inside the Airgap repository: results not recorded");
            return;
        }
        var (commit, dirty) = RunRecord.Revision(root);
        var record = new RunRecord(DateTimeOffset.UtcNow, commit, dirty, options.CommandLine, Machine.Current(), tinyPath, new FileInfo(tinyPath).Length,
            options.Threads, 1, WorkstationPhases.Tokens, null, [.. results.Figures], results.Ratios);
        // Its own file beside the full runs', and docs/performance.md left alone: its tables are the full run's.
        var json = ResultsWriter.WriteJson(root, record, record.FileNameFor("workstations"));
        Console.WriteLine($"recorded {Path.GetRelativePath(root, json)} ({natsCommand})");
    }
}
