namespace Airgap.Bench;

/// <summary>Command-line options of the benchmark.</summary>
public sealed record BenchOptions(string? Model, int Threads, int Rounds, int Tokens, bool RawOnly)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new BenchOptions(
            Value("--model"),
            int.TryParse(Value("--threads"), out var t) ? t : Environment.ProcessorCount,
            int.TryParse(Value("--rounds"), out var r) ? r : 3,
            int.TryParse(Value("--tokens"), out var n) ? n : 128,
            args.Contains("--raw-only"));
    }
}
