using System.Text;
using LLama.Native;

namespace Airgap.Inference.Engines.LlamaCpp;

/// <summary>
/// Collects the warning and error lines llama.cpp logs on this thread while a native call runs: llama.cpp logs
/// synchronously on the calling thread, so the lines belong to this call and not to another request's.
/// </summary>
internal sealed class NativeLogCapture : IDisposable
{
    private const int MaxLines = 8;

    [ThreadStatic] private static NativeLogCapture? _current;
    [ThreadStatic] private static StringBuilder? _partial;
    [ThreadStatic] private static LLamaLogLevel _partialLevel;

    private readonly NativeLogCapture? _outer;
    private readonly List<string> _errors = [];

    private NativeLogCapture(NativeLogCapture? outer) => _outer = outer;

    /// <summary>The last few warning and error lines logged on this thread since the capture started.</summary>
    public IReadOnlyList<string> Errors => _errors;

    public static NativeLogCapture Start() => _current = new NativeLogCapture(_current);

    public void Dispose() => _current = _outer;

    /// <summary>Adds a fragment of llama.cpp's log and returns the lines it completes, each with its level.</summary>
    public static List<(LLamaLogLevel Level, string Line)> Append(LLamaLogLevel level, string fragment)
    {
        var lines = new List<(LLamaLogLevel, string)>();
        var partial = _partial ??= new StringBuilder();
        // A continuation fragment carries on the line (and level) of the one before it.
        if (partial.Length == 0 && level != LLamaLogLevel.Continue) _partialLevel = level;
        partial.Append(fragment);
        var text = partial.ToString();
        var end = text.LastIndexOf('\n');
        if (end < 0) return lines;
        partial.Clear().Append(text, end + 1, text.Length - end - 1);
        foreach (var line in text[..end].Split('\n'))
        {
            var trimmed = line.TrimEnd();
            if (trimmed.Length == 0) continue;
            lines.Add((_partialLevel, trimmed));
            if (_partialLevel >= LLamaLogLevel.Warning && _partialLevel != LLamaLogLevel.Continue && _current is { } capture)
            {
                if (capture._errors.Count == MaxLines) capture._errors.RemoveAt(0);
                capture._errors.Add(trimmed);
            }
        }
        return lines;
    }
}
