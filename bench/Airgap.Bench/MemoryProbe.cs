using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Airgap.Bench;

/// <summary>
/// Measures RAM per extra stream in a child process, because the main process also maps the raw baseline and
/// runs llama.cpp's tools' clients, and its RSS would mix them in. The child is this program with --memory-probe.
/// </summary>
public static class MemoryProbe
{
    /// <summary>Runs in the child: serves the model, streams 1, then 4, then 8 at once, and prints the peaks as one JSON line.</summary>
    public static async Task<int> RunChildAsync(BenchOptions options, string work)
    {
        await using var host = await ServedHost.StartAsync(options.Model ?? throw new ArgumentException("--memory-probe needs --model"), options.Threads, work);
        await host.Load.StreamAsync(Prompts.Short(-1), 8); // loads the model
        var loaded = ResidentMiB();
        var peaks = new List<double>();
        // Ascending order on purpose: RSS rarely shrinks, so each peak includes what the smaller run already touched.
        foreach (var streams in new[] { 1, 4, 8 })
        {
            using var done = new CancellationTokenSource();
            var peak = SamplePeakAsync(done.Token);
            await Task.WhenAll(Enumerable.Range(0, streams).Select(i => host.Load.StreamAsync(Prompts.Short(9000 + streams * 10 + i), options.Tokens)));
            await done.CancelAsync();
            peaks.Add(await peak);
        }
        Console.WriteLine(JsonSerializer.Serialize(new MemoryFigures(loaded, peaks[0], peaks[1], peaks[2])));
        return 0;
    }

    /// <summary>Starts the child on the same model, threads and token count, and reads its figures.</summary>
    public static async Task<MemoryFigures> MeasureAsync(string model, int threads, int tokens)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var args = new List<string>();
        // Under `dotnet Airgap.Bench.dll` the process is the host, and the program is the entry assembly.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") args.Add(Assembly.GetEntryAssembly()!.Location);
        args.AddRange(["--memory-probe", "--model", model, "--threads", Number(threads), "--tokens", Number(tokens), "--no-record"]);
        var (stdout, _) = await ToolProcess.RunAsync(self, args, TimeSpan.FromMinutes(20));
        var last = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        return JsonSerializer.Deserialize<MemoryFigures>(last) ?? throw new InvalidOperationException("the memory probe printed nothing");
    }

    private static async Task<double> SamplePeakAsync(CancellationToken done)
    {
        var peak = ResidentMiB();
        while (!done.IsCancellationRequested)
        {
            peak = Math.Max(peak, ResidentMiB());
            try { await Task.Delay(10, done); }
            catch (OperationCanceledException) { break; }
        }
        return Math.Max(peak, ResidentMiB());
    }

    /// <summary>VmRSS now; the kernel's figure, not the GC's, because the model and KV cache are native memory.</summary>
    private static double ResidentMiB()
    {
        if (File.Exists("/proc/self/status"))
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        return Environment.WorkingSet / (1024.0 * 1024);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
