using System.Text;

namespace Airgap.Inference.Chat;

/// <summary>
/// With tools offered, lets plain text stream until a tool-call marker (or a bare JSON call) begins, and holds back
/// only what could still turn into one; whatever it holds is parsed for calls at the end.
/// </summary>
public sealed class ToolCallStreamGate
{
    private static readonly string[] Markers = ["<tool_call>", "[TOOL_CALLS]", "<|python_tag|>"];

    private readonly StringBuilder _pending = new();
    private bool _emittedAny;
    private bool _holding;

    /// <summary>Takes the next piece of output; returns the text that is safe to stream now.</summary>
    public string Push(string text)
    {
        _pending.Append(text);
        if (_holding) return "";
        var pending = _pending.ToString();
        if (!_emittedAny)
        {
            var start = pending.TrimStart();
            if (start.Length == 0) return "";
            // A model may answer with the bare call object: nothing of it is streamed.
            if (start[0] is '{' or '[')
            {
                _holding = true;
                return "";
            }
        }
        var marker = MarkerStart(pending);
        var release = marker >= 0 ? marker : pending.Length - LongestMarkerPrefixSuffix(pending);
        if (marker >= 0) _holding = true;
        if (release == 0) return "";
        _emittedAny = true;
        _pending.Remove(0, release);
        return pending[..release];
    }

    /// <summary>The held text, to parse for tool calls when generation ends.</summary>
    public string Held => _pending.ToString();

    /// <summary>The text before any tool-call marker, and without a marker begun at its end (a call cut off).</summary>
    public static string WithoutMarkup(string text)
    {
        var marker = MarkerStart(text);
        var kept = marker >= 0 ? text[..marker] : text[..^LongestMarkerPrefixSuffix(text)];
        return kept.Length == text.Length ? text : kept.TrimEnd();
    }

    /// <summary>Where the first tool-call marker in <paramref name="text"/> starts, or -1.</summary>
    public static int MarkerStart(string text) =>
        Markers.Select(m => text.IndexOf(m, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();

    // The length of the longest end of the text that is the start of a marker (it may complete with the next piece).
    private static int LongestMarkerPrefixSuffix(string text)
    {
        var longest = 0;
        foreach (var marker in Markers)
            for (var n = Math.Min(marker.Length - 1, text.Length); n > longest; n--)
                if (text.EndsWith(marker[..n], StringComparison.Ordinal)) longest = n;
        return longest;
    }
}
