// Airgap benchmark: served decode and prompt speed against the raw engine on the same file and threads, aggregate
// throughput with 1, 2, 4 and 8 concurrent streams, time to first token, cache-hit latency and memory. The compared
// cases run interleaved in one process, round after round, and the medians are printed (figures, never pass/fail).
//   dotnet run -c Release --project bench/Airgap.Bench -- [--model FILE.gguf] [--threads N] [--rounds 3] [--tokens 128]
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Airgap.Bench;
using Airgap.Inference.Engines.LlamaCpp;
using Airgap.Inference.Scheduling;
using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Storage;
using Airgap.Models.Synthetic;
using Airgap.Models.Validation;
using Airgap.Server.Hosting;

var options = BenchOptions.Parse(args);
LlamaNative.EnsureConfigured();
var work = Directory.CreateTempSubdirectory("airgap-bench-").FullName;
try
{
    var modelPath = options.Model ?? Synthesize(work);
    if (options.RawOnly)
    {
        using var alone = new RawEngineBaseline(modelPath, options.Threads, 1024);
        alone.Run(Prompts.Short(-1), 8);
        for (var round = 0; round < options.Rounds; round++)
        {
            var (pp, tg, n) = alone.Run(Prompts.Long(round, 480, alone.CountTokens), options.Tokens);
            Console.WriteLine($"raw engine alone: prompt {n} tokens at {pp:0.0} tok/s, decode {tg:0.0} tok/s");
        }
        return 0;
    }
    var home = new AirgapHome(Path.Combine(work, "home"));
    await new ModelImporter(home, new ModelRegistry(home.RegistryPath), new HeaderValidator()).ImportFileAsync(
        ImportSource.FromFile(modelPath, ModelName.Parse("bench:model"), SemanticVersion.Parse("1.0.0")), new ImportOptions(AllowUnsigned: true), null, default);

    var url = $"http://127.0.0.1:{FreePort()}";
    var inference = new InferenceOptions { Threads = options.Threads, Parallel = 8, ContextLength = 1024, BatchSize = 512 };
    var app = AirgapServer.Build(home, new ServerOptions { Urls = url, Inference = inference }, new HeaderValidator(), ["--Logging:LogLevel:Default=Warning"]);
    await app.StartAsync();
    using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(10) };
    var served = new ServedLoad(http, "bench:model");
    using var raw = new RawEngineBaseline(modelPath, options.Threads, 1024);

    Console.WriteLine($"model {Path.GetFileName(modelPath)} ({new FileInfo(modelPath).Length / 1e6:0} MB), {options.Threads} threads, " +
                      $"{options.Rounds} rounds, {options.Tokens} tokens per stream, cpu cores {Environment.ProcessorCount}");
    await served.StreamAsync(Prompts.Short(-1), 8); // loads the served model
    raw.Run(Prompts.Short(-1), 8);
    var rssLoaded = Process.GetCurrentProcess().WorkingSet64;

    var results = new Results();
    for (var round = 0; round < options.Rounds; round++)
    {
        var longPrompt = Prompts.Long(round, 480, raw.CountTokens);
        var (rawPp, rawTg, promptTokens) = raw.Run(longPrompt, options.Tokens);
        results.Add("raw prompt tok/s", rawPp);
        results.Add("raw decode tok/s", rawTg);

        var single = await served.StreamAsync(Prompts.Long(round + 1000, 480, raw.CountTokens), options.Tokens);
        results.Add("served prompt tok/s (server)", single.PromptTokens / single.ServerPromptSeconds);
        results.Add("served decode tok/s (client)", single.ClientDecodeRate);
        results.Add("served decode tok/s (server)", (single.GeneratedTokens - 1) / single.ServerDecodeSeconds);
        results.Add("prompt tokens", promptTokens);

        foreach (var streams in new[] { 1, 2, 4, 8 })
        {
            var prompts = Enumerable.Range(0, streams).Select(i => Prompts.Short(round * 100 + streams * 10 + i + 50)).ToList();
            results.Add($"raw batched tok/s, {streams} sequences", raw.RunBatched(prompts, options.Tokens));
            var clock = Stopwatch.StartNew();
            var runs = await Task.WhenAll(Enumerable.Range(0, streams).Select(i => served.StreamAsync(Prompts.Short(round * 100 + streams * 10 + i), options.Tokens)));
            results.Add($"aggregate tok/s, {streams} streams", runs.Sum(r => r.GeneratedTokens) / clock.Elapsed.TotalSeconds);
            results.Add($"time to first token ms, {streams} streams", runs.Average(r => r.FirstToken.TotalMilliseconds));
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
    }

    results.Print();
    var ratio = results.Median("served decode tok/s (client)") / results.Median("raw decode tok/s");
    var ppRatio = results.Median("served prompt tok/s (server)") / results.Median("raw prompt tok/s");
    var scaling = results.Median("aggregate tok/s, 4 streams") / results.Median("aggregate tok/s, 1 streams");
    var batchedRatio = results.Median("aggregate tok/s, 4 streams") / results.Median("raw batched tok/s, 4 sequences");
    Console.WriteLine($"served/raw decode ratio {ratio:0.00}, prompt ratio {ppRatio:0.00}; 4-stream aggregate / 1 stream {scaling:0.00}; " +
                      $"4 served streams / raw batched 4 {batchedRatio:0.00}");
    Console.WriteLine($"rss after both models loaded {rssLoaded / 1e6:0} MB, peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB " +
                      "(the raw baseline maps the same file: weights pages are shared)");
    await app.StopAsync();
    return 0;
}
finally
{
    Directory.Delete(work, recursive: true);
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

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
