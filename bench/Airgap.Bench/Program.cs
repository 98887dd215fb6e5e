// Airgap benchmark: served decode and prompt speed against the raw engine on the same file and threads, aggregate
// throughput with 1, 2, 4 and 8 concurrent streams, time to first token, cache-hit latency and memory; with
// --llama-cpp, against llama.cpp's own llama-bench, llama-batched-bench and llama-server too. The compared cases run
// interleaved in one process, round after round, and the medians are printed and recorded (figures, never pass/fail).
//   dotnet run -c Release --project bench/Airgap.Bench -- [--model FILE.gguf] [--threads N] [--rounds 3] [--tokens 128]
//       [--llama-cpp DIR] [--no-record] [--raw-only]
//   dotnet run -c Release --project bench/Airgap.Bench -- --logs LOG [--lines 1000000] [--format F]   (log parsing speed)
//   dotnet run -c Release --project bench/Airgap.Bench -- --embeddings [--threads N] [--rounds 3]
//   dotnet run -c Release --project bench/Airgap.Bench -- --isolation-forest [--rows 20000] [--skab FILE]   (vs scikit-learn)
//   dotnet run -c Release --project bench/Airgap.Bench -- --gateway [--model FILE.gguf] [--threads N] [--tokens 128] [--rounds 3]
//       [--no-record]   (through the edge gateway and NATS vs the same engine served directly; needs nats-server)
//   dotnet run -c Release --project bench/Airgap.Bench -- --workstations [--count 100] [--seconds 15] [--threads N] [--no-record]
//       (simulated workstations on one gateway and the tiny model: priority under a flood, per-caller fairness; needs nats-server)
using System.Diagnostics;
using Airgap.Bench;
using Airgap.Inference.Engines.LlamaCpp;
using Airgap.Models.Synthetic;

var options = BenchOptions.Parse(args);
if (options.Embeddings) return await EmbeddingThroughput.RunAsync(options);
LlamaNative.EnsureConfigured();
var work = Directory.CreateTempSubdirectory("airgap-bench-").FullName;
try
{
    if (options.MemoryProbe) return await MemoryProbe.RunChildAsync(options, work);
    if (args.Contains("--logs")) return LogParseFigures.Run(options, work);
    if (args.Contains("--isolation-forest")) return IsolationForestFigures.Run(options, work);
    if (args.Contains("--workstations")) return await WorkstationFigures.RunAsync(options, work);
    var modelPath = Path.GetFullPath(options.Model ?? Synthesize(work));
    if (args.Contains("--gateway")) return await GatewayFigures.RunAsync(options, modelPath, work);
    if (options.RawOnly)
    {
        using var alone = new RawEngineBaseline(modelPath, options.Threads, ServedHost.ContextLength);
        alone.Run(Prompts.Short(-1), 8);
        for (var round = 0; round < options.Rounds; round++)
        {
            var (pp, tg, n) = alone.Run(Prompts.Long(round, 480, alone.CountTokens), options.Tokens);
            Console.WriteLine($"raw engine alone: prompt {n} tokens at {pp:0.0} tok/s, decode {tg:0.0} tok/s");
        }
        return 0;
    }
    // Before anything runs: a wrong folder should fail in a second, not after an hour of rounds.
    var tools = options.LlamaCppDir is { } dir ? new LlamaCppTools(dir, modelPath, options.Threads) : null;

    await using var host = await ServedHost.StartAsync(modelPath, options.Threads, work);
    var served = host.Load;
    using var raw = new RawEngineBaseline(modelPath, options.Threads, ServedHost.ContextLength);
    await using var llamaServer = tools is null ? null : await LlamaServerLoad.StartAsync(tools.ServerPath, modelPath, options.Threads);

    Console.WriteLine($"model {Path.GetFileName(modelPath)} ({new FileInfo(modelPath).Length / 1e6:0} MB), {options.Threads} threads, " +
                      $"{options.Rounds} rounds, {options.Tokens} tokens per stream, cpu cores {Environment.ProcessorCount}" +
                      (tools is null ? "" : $", llama.cpp tools from {options.LlamaCppDir}"));
    await served.StreamAsync(Prompts.Short(-1), 8); // loads the served model
    raw.Run(Prompts.Short(-1), 8);
    if (llamaServer is not null) await llamaServer.StreamAsync(Prompts.Short(-1), 8);
    var rssLoaded = Process.GetCurrentProcess().WorkingSet64;

    var results = new Results();
    var streamCounts = new[] { 1, 2, 4, 8 };
    for (var round = 0; round < options.Rounds; round++)
    {
        var longPrompt = Prompts.Long(round, 480, raw.CountTokens);
        var (rawPp, rawTg, promptTokens) = raw.Run(longPrompt, options.Tokens);
        results.Add("raw prompt tok/s", rawPp);
        results.Add("raw decode tok/s", rawTg);

        // The same ~500-token prompt for both servers: the client's time to first token is their prompt speed.
        var ttftPrompt = Prompts.Long(round + 1000, 480, raw.CountTokens);
        var single = await served.StreamAsync(ttftPrompt, options.Tokens);
        results.Add("served prompt tok/s (server)", single.PromptTokens / single.ServerPromptSeconds);
        results.Add("served decode tok/s (client)", single.ClientDecodeRate);
        results.Add("served decode tok/s (server)", (single.GeneratedTokens - 1) / single.ServerDecodeSeconds);
        results.Add("prompt tokens", promptTokens);
        results.Add("served TTFT ms, ~500-token prompt (HTTP)", single.FirstToken.TotalMilliseconds);
        results.Add("served prompt tok/s (client: tokens / TTFT)", single.PromptTokens / single.FirstToken.TotalSeconds);
        if (llamaServer is not null)
        {
            var theirs = await llamaServer.StreamAsync(ttftPrompt, options.Tokens);
            results.Add("llama-server TTFT ms, ~500-token prompt (HTTP)", theirs.FirstToken.TotalMilliseconds);
            results.Add("llama-server prompt tok/s (client: tokens / TTFT)", theirs.PromptTokens / theirs.FirstToken.TotalSeconds);
            results.Add("llama-server decode tok/s (client)", theirs.ClientDecodeRate);
        }
        if (tools is not null)
        {
            var (pp512, tg) = await tools.BenchAsync(options.Tokens);
            results.Add("llama-bench pp512 tok/s", pp512);
            results.Add("llama-bench tg tok/s", tg);
        }

        foreach (var streams in streamCounts)
        {
            var prompts = Enumerable.Range(0, streams).Select(i => Prompts.Short(round * 100 + streams * 10 + i + 50)).ToList();
            results.Add($"raw batched tok/s, {streams} sequences", raw.RunBatched(prompts, options.Tokens));
            var servedPrompts = Enumerable.Range(0, streams).Select(i => Prompts.Short(round * 100 + streams * 10 + i)).ToList();
            var clock = Stopwatch.StartNew();
            var runs = await Task.WhenAll(servedPrompts.Select(p => served.StreamAsync(p, options.Tokens)));
            results.Add($"aggregate tok/s, {streams} streams", runs.Sum(r => r.GeneratedTokens) / clock.Elapsed.TotalSeconds);
            results.Add($"time to first token ms, {streams} streams", runs.Average(r => r.FirstToken.TotalMilliseconds));
            if (llamaServer is null || streams > LlamaServerLoad.Parallel || streams == 2) continue;
            clock.Restart();
            var theirs = await Task.WhenAll(servedPrompts.Select(p => llamaServer.StreamAsync(p, options.Tokens)));
            results.Add($"llama-server aggregate tok/s, {streams} streams", theirs.Sum(r => r.GeneratedTokens) / clock.Elapsed.TotalSeconds);
        }
        if (tools is not null)
        {
            // Prompts as long as the served streams' short prompts, so both sides pay the same prompt share.
            var shortTokens = raw.CountTokens(Prompts.Short(round * 100));
            foreach (var row in await tools.BatchedAsync(shortTokens, options.Tokens, streamCounts))
            {
                results.Add($"llama-batched-bench tok/s, {row.Sequences} sequences", row.GeneratedRate);
                results.Add($"llama-batched-bench S_TG tok/s, {row.Sequences} sequences", row.DecodeRate);
            }
        }
        results.Add("rss during 8 streams MB", Process.GetCurrentProcess().WorkingSet64 / 1e6);

        // Fairness: a 900-token prompt arrives while a stream is generating; the prompt is read in chunks between
        // decode steps, so the running stream's longest pause stays near one chunk's time.
        var times = new List<TimeSpan>();
        var running = served.StreamAsync(Prompts.Short(round + 7000), 160, times);
        while (times.Count < 20) await Task.Delay(5);
        var joined = await served.StreamAsync(Prompts.Long(round + 8000, 900, raw.CountTokens), 8);
        await running;
        var gaps = times.Zip(times.Skip(1), (a, b) => (b - a).TotalMilliseconds).Order().ToList();
        results.Add("stream median gap ms (900-token prompt joins)", gaps[gaps.Count / 2]);
        results.Add("stream longest gap ms (900-token prompt joins)", gaps[^1]);
        results.Add("joining prompt's first token ms", joined.FirstToken.TotalMilliseconds);

        var cachePrompt = Prompts.Short(round + 5000);
        await served.CachedAsync(cachePrompt, 32);
        var (latency, hit) = await served.CachedAsync(cachePrompt, 32);
        results.Add("cache hit latency ms", hit ? latency.TotalMilliseconds : double.NaN);

        // A fresh child each round: its RSS only grows, so one process would measure each round on top of the last.
        var memory = await MemoryProbe.MeasureAsync(modelPath, options.Threads, options.Tokens);
        results.Add("served-only process RSS MiB, loaded, idle", memory.LoadedMiB);
        results.Add("served-only process RSS MiB, 1 stream", memory.OneStreamMiB);
        results.Add("served-only process RSS MiB, 4 streams", memory.FourStreamsMiB);
        results.Add("served-only process RSS MiB, 8 streams", memory.EightStreamsMiB);
        results.Add("RAM per extra stream MiB (1 -> 4 streams)", memory.PerExtraStreamOf4MiB);
        results.Add("RAM per extra stream MiB (1 -> 8 streams)", memory.PerExtraStreamOf8MiB);
    }

    results.Print();
    var ratio = results.AddRatio("served/raw decode", "served decode tok/s (client)", "raw decode tok/s");
    var ppRatio = results.AddRatio("served/raw prompt", "served prompt tok/s (server)", "raw prompt tok/s");
    var scaling = results.AddRatio("4-stream aggregate / 1 stream", "aggregate tok/s, 4 streams", "aggregate tok/s, 1 streams");
    var batchedRatio = results.AddRatio("4 served streams / raw batched 4", "aggregate tok/s, 4 streams", "raw batched tok/s, 4 sequences", ">= 0.95");
    Console.WriteLine($"served/raw decode ratio {ratio:0.00}, prompt ratio {ppRatio:0.00}; 4-stream aggregate / 1 stream {scaling:0.00}; " +
                      $"4 served streams / raw batched 4 {batchedRatio:0.00}");
    Console.WriteLine($"rss after both models loaded {rssLoaded / 1e6:0} MB, peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB " +
                      "(the raw baseline maps the same file: weights pages are shared)");
    if (tools is not null) LlamaCppRatios.Add(results, streamCounts);
    Console.WriteLine();
    results.PrintRatios();

    if (options.Record) Record(options, modelPath, results, tools, llamaServer);
    return 0;
}
finally
{
    Directory.Delete(work, recursive: true);
}

static void Record(BenchOptions options, string modelPath, Results results, LlamaCppTools? tools, LlamaServerLoad? llamaServer)
{
    if (RunRecord.RepositoryRoot() is not { } root)
    {
        Console.WriteLine("not inside the Airgap repository: results not recorded");
        return;
    }
    var (commit, dirty) = RunRecord.Revision(root);
    var llama = tools is null
        ? null
        : new LlamaCppRun(Path.GetFullPath(options.LlamaCppDir!), tools.Build, [.. tools.Commands, .. llamaServer is null ? [] : new[] { llamaServer.Command }]);
    var record = new RunRecord(DateTimeOffset.UtcNow, commit, dirty, options.CommandLine, Machine.Current(), modelPath, new FileInfo(modelPath).Length,
        options.Threads, options.Rounds, options.Tokens, llama, [.. results.Figures], results.Ratios);
    var (json, markdown) = ResultsWriter.Write(root, record);
    Console.WriteLine($"recorded {Path.GetRelativePath(root, json)} and the latest-run tables in {Path.GetRelativePath(root, markdown)}");
}

static string Synthesize(string work)
{
    var f16 = Path.Combine(work, "qwen3-0.6b-f16.gguf");
    var q4 = Path.Combine(work, "qwen3-0.6b-q4_k_m.gguf");
    Console.WriteLine("writing a synthetic qwen3-0.6b Q4_K_M model (about a minute)...");
    SyntheticModelWriter.Write(f16, SyntheticPreset.Qwen3_0_6B);
    GgufQuantizer.Quantize(f16, q4, "q4_k_m");
    File.Delete(f16);
    return q4;
}
