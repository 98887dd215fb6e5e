using System.Diagnostics;
using Airgap.Models.Storage;

namespace Airgap.Cli.Output;

/// <summary>
/// The phases of a long step on stderr (synth: quantizing; verify: hashing; import: copying, then validating in llama.cpp),
/// so stdout stays the answer a script reads. On a terminal they show as they happen and a copy redraws one line with
/// bytes, rate and ETA; redirected (a script, a log) they are written once the step succeeded, so that a refusal stays
/// one line: the error.
/// </summary>
public sealed class PhaseReport
{
    private readonly bool _live = !Console.IsErrorRedirected;
    private readonly Stopwatch _sinceDraw = Stopwatch.StartNew();
    private string? _file;
    private Stopwatch _fileClock = new();
    private bool _lineOpen;
    private readonly List<string> _held = [];

    /// <summary>Says that <paramref name="phase"/> began, doing <paramref name="what"/>.</summary>
    public void Phase(string phase, string what)
    {
        Write($"{phase}: {what}");
    }

    /// <summary>The step succeeded: the phases held back from a redirected stderr are written now.</summary>
    public void Complete()
    {
        EndLine();
        foreach (var line in _held) Console.Error.WriteLine(line);
        _held.Clear();
    }

    private void Write(string line)
    {
        EndLine();
        if (_live) Console.Error.WriteLine(line);
        else _held.Add(line);
    }

    /// <summary>A file being copied (and hashed as it goes).</summary>
    public void Copy(CopyProgress p)
    {
        if (p.File != _file)
        {
            EndLine();
            (_file, _fileClock) = (p.File, Stopwatch.StartNew());
            if (!_live) Write($"import: copying {Path.GetFileName(p.File)} ({CliOutput.Bytes(p.BytesTotal)}), hashing as it goes");
        }
        if (!_live || (_sinceDraw.ElapsedMilliseconds < 100 && p.BytesDone < p.BytesTotal)) return;
        _sinceDraw.Restart();
        var seconds = Math.Max(_fileClock.Elapsed.TotalSeconds, 0.001);
        var rate = p.BytesDone / seconds;
        var eta = rate > 0 ? TimeSpan.FromSeconds((p.BytesTotal - p.BytesDone) / rate) : TimeSpan.Zero;
        var percent = p.BytesTotal > 0 ? 100.0 * p.BytesDone / p.BytesTotal : 100;
        Console.Error.Write($"\rimport: copying {Path.GetFileName(p.File)} {percent,5:0.0}%  {CliOutput.Bytes(p.BytesDone)} / {CliOutput.Bytes(p.BytesTotal)}  "
                            + $"{CliOutput.Bytes((long)rate)}/s  ETA {eta:mm\\:ss}   ");
        _lineOpen = true;
    }

    /// <summary>Ends a redrawn line before other output.</summary>
    public void EndLine()
    {
        if (!_lineOpen) return;
        Console.Error.WriteLine();
        _lineOpen = false;
    }
}
