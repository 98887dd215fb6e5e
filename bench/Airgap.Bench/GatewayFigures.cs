using System.Diagnostics;
using Airgap.Models.Synthetic;

namespace Airgap.Bench;

/// <summary>
/// `--gateway [--model FILE] [--threads N] [--tokens 128] [--rounds 3]`: the same engine reached through the edge gateway
/// (HTTP → gateway → NATS JetStream → one in-process worker → reply subject → HTTP) and served directly over HTTP, interleaved
/// round after round: jobs/s and generated tok/s for 1 and 4 streams of exactly --tokens tokens, time to first token
/// and what the queue adds to it; and jobs/s for many 1-token jobs on the tiny synthetic model, where the engine's work
/// per job is small enough that the gateway's own per-job cost shows (on a real model each job's prompt hides it).
/// Figures, never pass/fail.
/// </summary>
public static class GatewayFigures
{
    private const int Streams = 4, TinyJobs = 200, TinyAtOnce = 16;
    private const string Tiny = "1-token jobs (tiny, 16 at once)";

    public static async Task<int> RunAsync(BenchOptions options, string modelPath, string work)
    {
        if (NatsServerProcess.Find() is not { } binary)
        {
            Console.Error.WriteLine("--gateway needs nats-server with JetStream, which is not installed: apt-get install -y nats-server");
            return 1;
        }
        var tinyPath = Path.Combine(work, "tiny.gguf");
        SyntheticModelWriter.Write(tinyPath, SyntheticPreset.Tiny);
        using var nats = await NatsServerProcess.StartAsync(binary, work);
        await using var gateway = await GatewayHost.StartAsync(modelPath, tinyPath, options.Threads, work, nats.Url);
        await using var direct = await ServedHost.StartAsync(modelPath, options.Threads, work, tinyPath);
        Console.WriteLine($"model {Path.GetFileName(modelPath)} ({new FileInfo(modelPath).Length / 1e6:0} MB), {options.Threads} threads, " +
                          $"{options.Rounds} rounds, {options.Tokens} tokens per stream, cpu cores {Environment.ProcessorCount}; 1-token jobs on the synthetic tiny model " +
                          $"({new FileInfo(tinyPath).Length / 1e6:0.0} MB); {nats.Command}");
        // Loads the model on both sides and warms the paths (JIT, NATS consumers) before anything is timed.
        foreach (var (load, tiny) in new[] { (gateway.Load, gateway.TinyLoad), (direct.Load, direct.TinyLoad) })
        {
            await load.StreamAsync(Prompts.Short(-1), 8);
            await tiny.GenerateAsync(Prompts.Short(-2), 1);
        }

        var results = new Results();
        var sides = new[] { ("gateway", gateway.Load), ("direct", direct.Load) };
        var tinySides = new[] { ("gateway", gateway.TinyLoad), ("direct", direct.TinyLoad) };
        for (var round = 0; round < options.Rounds; round++)
        {
            // The side that goes first alternates, so neither always runs on a machine just warmed (or just heated) by the other.
            var order = round % 2 == 0 ? sides : [.. sides.Reverse()];
            var tinyOrder = round % 2 == 0 ? tinySides : [.. tinySides.Reverse()];
            var firstToken = new Dictionary<string, double>();
            foreach (var (side, load) in order)
            {
                var run = await load.StreamAsync(Prompts.Short(Seed(round, side, 0)), options.Tokens);
                Check(run, options.Tokens, side);
                results.Add($"{side} jobs/s, 1 stream", 1 / run.Total.TotalSeconds);
                results.Add($"{side} tok/s, 1 stream", run.GeneratedTokens / run.Total.TotalSeconds);
                results.Add($"{side} TTFT ms, 1 stream", firstToken[side] = run.FirstToken.TotalMilliseconds);
            }
            results.Add("queue's added TTFT ms (gateway - direct, 1 stream)", firstToken["gateway"] - firstToken["direct"]);

            foreach (var (side, load) in order)
            {
                var clock = Stopwatch.StartNew();
                var runs = await Task.WhenAll(Enumerable.Range(1, Streams).Select(i => load.StreamAsync(Prompts.Short(Seed(round, side, i)), options.Tokens)));
                var seconds = clock.Elapsed.TotalSeconds;
                foreach (var run in runs) Check(run, options.Tokens, side);
                results.Add($"{side} jobs/s, {Streams} streams", Streams / seconds);
                results.Add($"{side} tok/s, {Streams} streams", runs.Sum(r => r.GeneratedTokens) / seconds);
                results.Add($"{side} TTFT ms, {Streams} streams (mean)", runs.Average(r => r.FirstToken.TotalMilliseconds));
            }

            foreach (var (side, load) in tinyOrder)
            {
                var (rate, latency) = await TinyJobsAsync(load, Seed(round, side, 100));
                results.Add($"{side} jobs/s, {Tiny}", rate);
                results.Add($"{side} median ms, {Tiny}", latency);
            }
            Console.WriteLine($"round {round + 1}/{options.Rounds} done");
        }

        results.Print();
        Console.WriteLine();
        results.AddRatio("gateway/direct tok/s, 1 stream", "gateway tok/s, 1 stream", "direct tok/s, 1 stream", ">= 0.95");
        results.AddRatio($"gateway/direct tok/s, {Streams} streams", $"gateway tok/s, {Streams} streams", $"direct tok/s, {Streams} streams", ">= 0.95");
        results.AddRatio("gateway/direct jobs/s, 1-token jobs (tiny)", $"gateway jobs/s, {Tiny}", $"direct jobs/s, {Tiny}");
        results.AddRatio("gateway/direct TTFT, 1 stream", "gateway TTFT ms, 1 stream", "direct TTFT ms, 1 stream");
        results.PrintRatios();
        Console.WriteLine($"per-job cost of the gateway at {TinyAtOnce} at once: {1e3 / results.Median($"gateway jobs/s, {Tiny}") - 1e3 / results.Median($"direct jobs/s, {Tiny}"):0.0} ms " +
                          "of throughput time per job (1/gateway jobs/s - 1/direct jobs/s)");

        if (options.Record) Record(options, modelPath, results, nats.Command);
        return 0;
    }

    // Every request its own prompt: neither the response cache nor prefix reuse helps either side.
    private static int Seed(int round, string side, int index) => 100_000 + round * 10_000 + (side == "gateway" ? 0 : 5_000) + index * 10;

    private static void Check(StreamRun run, int tokens, string side)
    {
        if (run.GeneratedTokens != tokens)
            throw new InvalidOperationException($"{side}: asked for {tokens} tokens with ignore_eos, got {run.GeneratedTokens}; the figures would not compare");
    }

    /// <summary>Jobs per second and the median job's wall time for <see cref="TinyJobs"/> 1-token jobs, <see cref="TinyAtOnce"/> in flight.</summary>
    private static async Task<(double Rate, double MedianMs)> TinyJobsAsync(ServedLoad load, int seed)
    {
        var next = -1;
        var latencies = new double[TinyJobs];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, TinyAtOnce).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < TinyJobs; i = Interlocked.Increment(ref next))
                latencies[i] = (await load.GenerateAsync(Prompts.Short(seed + i), 1)).TotalMilliseconds;
        }));
        var rate = TinyJobs / clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        return (rate, latencies[TinyJobs / 2]);
    }

    private static void Record(BenchOptions options, string modelPath, Results results, string natsCommand)
    {
        if (RunRecord.RepositoryRoot() is not { } root)
        {
            Console.WriteLine("not inside the Airgap repository: results not recorded");
            return;
        }
        var (commit, dirty) = RunRecord.Revision(root);
        var record = new RunRecord(DateTimeOffset.UtcNow, commit, dirty, options.CommandLine, Machine.Current(), modelPath, new FileInfo(modelPath).Length,
            options.Threads, options.Rounds, options.Tokens, null, [.. results.Figures], results.Ratios);
        // Its own file beside the full runs', and docs/performance.md left alone: its tables are the full run's.
        var json = ResultsWriter.WriteJson(root, record, record.FileNameFor("gateway"));
        Console.WriteLine($"recorded {Path.GetRelativePath(root, json)} ({natsCommand})");
    }
}
