namespace Airgap.Bench;

/// <summary>Command-line options of the benchmark.</summary>
public sealed record BenchOptions(
    string? Model, int Threads, int Rounds, int Tokens, bool RawOnly, string? LlamaCppDir, bool Record, bool MemoryProbe, IReadOnlyList<string> Args)
{
    /// <summary>--embeddings: only the built-in all-minilm's texts per second at batch sizes 1, 8 and 32.</summary>
    public bool Embeddings => Args.Contains("--embeddings");

    /// <summary>--count of --workstations: the simulated workstations, one API key each (100 by default).</summary>
    public int Workstations => Number("--count", 100);

    /// <summary>--seconds of --workstations: each of its five measured phases' length (15 by default: about two minutes in all).</summary>
    public int Seconds => Number("--seconds", 15);

    /// <summary>Reads the options; unknown words are ignored, as before, so old command lines keep working.</summary>
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new BenchOptions(
            Value("--model"),
            int.TryParse(Value("--threads"), out var t) ? t : Environment.ProcessorCount,
            int.TryParse(Value("--rounds"), out var r) ? r : 3,
            int.TryParse(Value("--tokens"), out var n) ? n : 128,
            args.Contains("--raw-only"),
            Value("--llama-cpp"),
            !args.Contains("--no-record"),
            args.Contains("--memory-probe"),
            args);
    }

    /// <summary>The command a person would type to repeat this run, as written into the results.</summary>
    public string CommandLine =>
        "dotnet run -c Release --project bench/Airgap.Bench --" + string.Concat(Args.Select(a => " " + Quote(a)));

    private int Number(string name, int fallback) =>
        int.TryParse(Args.SkipWhile(a => a != name).Skip(1).FirstOrDefault(), out var value) && value > 0 ? value : fallback;

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) || "-_./=:,+@".Contains(c)) ? arg : $"'{arg.Replace("'", "'\\''")}'";
}
