using System.Text;

namespace Airgap.Inference.Generation;

/// <summary>
/// Holds back text that could be the start of a stop sequence, so a stop string is never streamed to the client,
/// and reports when one has been completed.
/// </summary>
public sealed class StopSequenceFilter(IReadOnlyList<string> stops)
{
    private readonly StringBuilder _pending = new();
    private readonly int _longest = stops.Count == 0 ? 0 : stops.Max(s => s.Length);

    /// <summary>Adds generated text; returns the text safe to emit and whether a stop sequence was hit.</summary>
    public (string Emit, bool Stopped) Push(string text)
    {
        if (_longest == 0) return (text, false);
        _pending.Append(text);
        var buffered = _pending.ToString();
        foreach (var stop in stops)
        {
            var at = buffered.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0)
            {
                _pending.Clear();
                return (buffered[..at], true);
            }
        }
        var keep = LongestSuffixThatStartsAStop(buffered);
        var emit = buffered[..^keep];
        _pending.Clear().Append(buffered, buffered.Length - keep, keep);
        return (emit, false);
    }

    /// <summary>Whatever is still held back, at the end of generation.</summary>
    public string Flush()
    {
        var rest = _pending.ToString();
        _pending.Clear();
        return rest;
    }

    private int LongestSuffixThatStartsAStop(string text)
    {
        for (var length = Math.Min(_longest - 1, text.Length); length > 0; length--)
        {
            var suffix = text.AsSpan(text.Length - length);
            foreach (var stop in stops)
                if (stop.AsSpan().StartsWith(suffix, StringComparison.Ordinal)) return length;
        }
        return 0;
    }
}
