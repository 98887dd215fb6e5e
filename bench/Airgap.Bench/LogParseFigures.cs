using System.Diagnostics;
using System.Text;
using Airgap.Analytics.Logs;

namespace Airgap.Bench;

/// <summary>
/// `--logs FILE [--lines N] [--format F] [--rounds R]`: the speed of `airgap logs parse` (both passes, CSV written to a
/// null sink) and of mining alone, on N lines (default 1,000,000) made by cycling FILE's lines, with numbers varied on
/// every seventh copy so the file is not one block repeated. Prints lines per minute per round and the median.
/// </summary>
public static class LogParseFigures
{
    public static int Run(BenchOptions options, string work)
    {
        string? Value(string name) => options.Args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var source = Value("--logs") ?? throw new ArgumentException("--logs FILE: a log to cycle, e.g. ../shared/data/loghub-2k/BGL/BGL_2k.log");
        var lines = int.TryParse(Value("--lines"), out var n) ? n : 1_000_000;
        var big = Path.Combine(work, "big.log");
        var bytes = Build(source, big, lines);
        var format = LogFile.FormatFor(big, Value("--format"));
        Console.WriteLine($"{lines:N0} lines ({bytes / 1e6:0} MB) from {Path.GetFileName(source)}, format {format.Text}, " +
                          $"{Environment.ProcessorCount} cores, {options.Rounds} rounds");

        var parse = new List<double>();
        var mine = new List<double>();
        for (var round = 0; round < options.Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            using (var sink = new StreamWriter(Stream.Null, new UTF8Encoding(false), 1 << 20))
                StructuredLogExport.Write(big, format, sink);
            parse.Add(lines / clock.Elapsed.TotalMinutes);

            clock.Restart();
            var miner = new TemplateMiner();
            var ranges = new Range[format.Fields.Count + 1];
            foreach (var line in LogFile.Records(big)) miner.Add(format.Content(line, ranges));
            mine.Add(lines / clock.Elapsed.TotalMinutes);
            Console.WriteLine($"round {round + 1}: logs parse {parse[^1] / 1e6:0.0}M lines/min, mining alone {mine[^1] / 1e6:0.0}M lines/min, " +
                              $"{miner.Templates.Count} templates");
        }
        Console.WriteLine($"median: logs parse {Median(parse) / 1e6:0.0}M lines/min, mining alone {Median(mine) / 1e6:0.0}M lines/min, " +
                          $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB");
        return 0;
    }

    private static long Build(string source, string target, int count)
    {
        var lines = File.ReadAllLines(source).Where(l => l.Length > 0).ToArray();
        if (lines.Length == 0) throw new ArgumentException($"{source}: no lines");
        var random = new Random(1);
        using var output = new StreamWriter(target, false, new UTF8Encoding(false), 1 << 20);
        for (var i = 0; i < count; i++)
        {
            var line = lines[i % lines.Length];
            if (i / lines.Length % 7 == 6)
                line = string.Create(line.Length, (line, random), static (span, s) =>
                {
                    for (var k = 0; k < span.Length; k++) span[k] = char.IsAsciiDigit(s.line[k]) ? (char)('0' + s.random.Next(10)) : s.line[k];
                });
            output.Write(line);
            output.Write('\n');
        }
        output.Flush();
        return output.BaseStream.Length;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
