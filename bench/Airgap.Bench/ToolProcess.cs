using System.Diagnostics;
using System.Text;

namespace Airgap.Bench;

/// <summary>Runs one of llama.cpp's command-line tools to completion and keeps what it printed.</summary>
public static class ToolProcess
{
    /// <summary>The exit was zero; otherwise the exception carries the end of stderr, where llama.cpp says why.</summary>
    public static async Task<(string Stdout, string Stderr)> RunAsync(string file, IReadOnlyList<string> args, TimeSpan timeout)
    {
        using var process = Process.Start(StartInfo(file, args)) ?? throw new InvalidOperationException($"could not start {file}");
        // Both pipes are read at once: a tool that fills stderr while we wait on stdout would otherwise block forever.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(file)} ran longer than {timeout}");
        }
        var (output, errors) = (await stdout, await stderr);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Describe(file, args)} exited with {process.ExitCode}:\n{Tail(errors, 2000)}");
        return (output, errors);
    }

    public static ProcessStartInfo StartInfo(string file, IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return info;
    }

    /// <summary>The command as recorded in the results, so each llama.cpp figure says exactly how it was made.</summary>
    public static string Describe(string file, IEnumerable<string> args)
    {
        var line = new StringBuilder(Path.GetFileName(file));
        foreach (var arg in args) line.Append(' ').Append(arg.Contains(' ') ? $"'{arg}'" : arg);
        return line.ToString();
    }

    public static string Tail(string text, int length) => text.Length <= length ? text : text[^length..];
}
