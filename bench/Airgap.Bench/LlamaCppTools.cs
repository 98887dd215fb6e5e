using System.Globalization;
using System.Text.Json;

namespace Airgap.Bench;

/// <summary>One llama-batched-bench row: sequences generating together.</summary>
/// <param name="Sequences">How many sequences decoded in each batch (llama-batched-bench's -npl).</param>
/// <param name="DecodeRate">S_TG: generated tokens per second of the decode phase alone.</param>
/// <param name="GeneratedRate">Generated tokens over the whole time, prompts included: the served aggregate's shape.</param>
public sealed record BatchedRow(int Sequences, double DecodeRate, double GeneratedRate);

/// <summary>
/// llama.cpp's own benchmarks (llama-bench, llama-batched-bench) on the same file, threads and batch size as the
/// served path — the figures a llama.cpp user would quote, so the served ones are divided by something they trust.
/// </summary>
public sealed class LlamaCppTools
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(20);
    private readonly string _dir, _model;
    private readonly int _threads;

    public LlamaCppTools(string dir, string model, int threads)
    {
        foreach (var tool in new[] { "llama-bench", "llama-batched-bench", "llama-server" })
            if (!File.Exists(Path.Combine(dir, tool)))
                throw new FileNotFoundException($"{tool} is not in {dir}; build it with bench/llama-cpp/build.sh", Path.Combine(dir, tool));
        (_dir, _model, _threads) = (Path.GetFullPath(dir), model, threads);
    }

    /// <summary>Every command run, once each, for the results file.</summary>
    public SortedSet<string> Commands { get; } = [];

    /// <summary>llama.cpp's commit and build number, as llama-bench reports them.</summary>
    public string? Build { get; private set; }

    public string ServerPath => Path.Combine(_dir, "llama-server");

    /// <summary>llama-bench's pp512 and tg figures (one repetition after its warm-up), from its JSON output.</summary>
    public async Task<(double PromptRate, double DecodeRate)> BenchAsync(int tokens)
    {
        var args = new[]
        {
            "-m", _model, "-t", Number(_threads), "-p", "512", "-n", Number(tokens), "-b", Number(ServedHost.BatchSize),
            "-ub", Number(ServedHost.BatchSize), "-ngl", "0", "-r", "1", "-o", "json",
        };
        var (stdout, _) = await Run("llama-bench", args);
        double? pp = null, tg = null;
        foreach (var test in JsonDocument.Parse(stdout).RootElement.EnumerateArray())
        {
            var rate = test.GetProperty("avg_ts").GetDouble();
            if (test.GetProperty("n_gen").GetInt32() == 0) pp = rate;
            else tg = rate;
            Build ??= $"{test.GetProperty("build_commit").GetString()} (build {test.GetProperty("build_number").GetInt32()})";
        }
        return (pp ?? throw Missing("llama-bench", "pp512"), tg ?? throw Missing("llama-bench", $"tg{tokens}"));
    }

    /// <summary>
    /// llama-batched-bench over <paramref name="sequences"/>, each sequence with its own prompt of
    /// <paramref name="promptTokens"/> tokens and <paramref name="tokens"/> generated, one row per count (jsonl output).
    /// </summary>
    public async Task<IReadOnlyList<BatchedRow>> BatchedAsync(int promptTokens, int tokens, IReadOnlyList<int> sequences)
    {
        var most = sequences.Max();
        var args = new[]
        {
            "-m", _model, "-t", Number(_threads), "-tb", Number(_threads), "-ngl", "0",
            "-c", Number(most * Math.Max(ServedHost.ContextLength, promptTokens + tokens)),
            "-b", Number(ServedHost.BatchSize), "-ub", Number(ServedHost.BatchSize),
            "-npp", Number(promptTokens), "-ntg", Number(tokens), "-npl", string.Join(',', sequences), "--output-format", "jsonl",
        };
        var (stdout, _) = await Run("llama-batched-bench", args);
        var rows = new List<BatchedRow>();
        foreach (var line in stdout.Split('\n').Where(l => l.StartsWith('{')))
        {
            var row = JsonDocument.Parse(line).RootElement;
            var pl = row.GetProperty("pl").GetInt32();
            rows.Add(new BatchedRow(pl, row.GetProperty("speed_tg").GetDouble(), pl * row.GetProperty("tg").GetInt32() / row.GetProperty("t").GetDouble()));
        }
        if (rows.Count != sequences.Count) throw Missing("llama-batched-bench", $"rows for {string.Join(',', sequences)} sequences");
        return rows;
    }

    private async Task<(string, string)> Run(string tool, string[] args)
    {
        Commands.Add(ToolProcess.Describe(tool, args));
        return await ToolProcess.RunAsync(Path.Combine(_dir, tool), args, Timeout);
    }

    private static InvalidOperationException Missing(string tool, string what) => new($"{tool} printed no {what}");

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
