namespace Airgap.Bench;

/// <summary>Prompts that differ from round to round, so neither the response cache nor prefix reuse helps.</summary>
public static class Prompts
{
    private static readonly string[] Words =
        ["pressure", "valve", "chamber", "sensor", "reading", "alarm", "flow", "rate", "temperature", "setpoint", "batch", "line",
         "operator", "shift", "vacuum", "pump", "filter", "cycle", "maintenance", "calibration", "deviation", "log", "station", "report"];

    public static string Short(int seed) => $"Round {seed}: summarize the {Words[Math.Abs(seed) % Words.Length]} status of line {seed}.";

    /// <summary>About <paramref name="tokens"/> tokens of plausible plant text, measured with the model's tokenizer.</summary>
    public static string Long(int seed, int tokens, Func<string, int> count)
    {
        var random = new Random(seed);
        var text = new System.Text.StringBuilder($"Report {seed}:");
        while (count(text.ToString()) < tokens)
            for (var i = 0; i < 16; i++) text.Append(' ').Append(Words[random.Next(Words.Length)]);
        return text.ToString();
    }
}
