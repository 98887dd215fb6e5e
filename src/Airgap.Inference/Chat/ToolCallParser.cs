using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Airgap.Inference.Chat;

/// <summary>
/// Finds tool calls in model output in the forms open models emit: Hermes/Qwen <c>&lt;tool_call&gt;{json}&lt;/tool_call&gt;</c>,
/// Mistral <c>[TOOL_CALLS] [{…}, …]</c>, Llama 3 <c>&lt;|python_tag|&gt;{…}</c>, or a bare call object; arguments may be
/// named <c>arguments</c> or (Llama 3) <c>parameters</c>.
/// </summary>
public static partial class ToolCallParser
{
    [GeneratedRegex(@"<tool_call>\s*(\{.*?\})\s*</tool_call>", RegexOptions.Singleline)]
    private static partial Regex HermesBlock();

    private const string HermesOpen = "<tool_call>";
    private const string HermesClose = "</tool_call>";
    private const string MistralMarker = "[TOOL_CALLS]";
    private const string LlamaMarker = "<|python_tag|>";

    /// <summary>The calls whose JSON has a known tool name and object arguments, and the text outside them.</summary>
    public static (IReadOnlyList<FunctionCallContent> Calls, string Text) Parse(string output, IReadOnlySet<string> toolNames)
    {
        var calls = new List<FunctionCallContent>();
        foreach (Match match in HermesBlock().Matches(output))
            if (TryRead(match.Groups[1].Value, toolNames) is { } call) calls.Add(call);
        if (calls.Count > 0) return (calls, WithoutUnclosedCall(HermesBlock().Replace(output, "")).Trim());
        output = WithoutUnclosedCall(output);

        var trimmed = output.Trim();
        foreach (var marker in new[] { MistralMarker, LlamaMarker })
        {
            var at = trimmed.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0) continue;
            calls.AddRange(ReadMany(trimmed[(at + marker.Length)..].Trim(), toolNames));
            if (calls.Count > 0) return (calls, trimmed[..at].Trim());
        }
        // A model that answers with the bare JSON call (no markers) is calling a tool too.
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            calls.AddRange(ReadMany(trimmed, toolNames));
            if (calls.Count > 0) return (calls, "");
        }
        return ([], output);
    }

    // A call cut off by the token limit is no answer to show: the text ends where its markup began, even when the
    // limit fell inside the opening tag itself.
    private static string WithoutUnclosedCall(string text)
    {
        var open = text.LastIndexOf(HermesOpen, StringComparison.Ordinal);
        if (open >= 0) return text.IndexOf(HermesClose, open, StringComparison.Ordinal) < 0 ? text[..open].TrimEnd() : text;
        for (var length = HermesOpen.Length - 1; length >= 2; length--)
            if (text.EndsWith(HermesOpen[..length], StringComparison.Ordinal)) return text[..^length].TrimEnd();
        return text;
    }

    private static IEnumerable<FunctionCallContent> ReadMany(string json, IReadOnlySet<string> toolNames)
    {
        if (!json.StartsWith('[')) return TryRead(json, toolNames) is { } one ? [one] : [];
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.EnumerateArray().Select(e => TryRead(e.GetRawText(), toolNames)).OfType<FunctionCallContent>().ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static FunctionCallContent? TryRead(string json, IReadOnlySet<string> toolNames)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("name", out var name)
                || name.ValueKind != JsonValueKind.String || !toolNames.Contains(name.GetString()!))
                return null;
            var arguments = (root.TryGetProperty("arguments", out var a) || root.TryGetProperty("parameters", out a)) && a.ValueKind == JsonValueKind.Object
                ? a.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone())
                : new Dictionary<string, object?>();
            return new FunctionCallContent($"call_{Guid.NewGuid():N}"[..24], name.GetString()!, arguments);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
