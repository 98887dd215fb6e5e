using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Airgap.Inference.Chat;

/// <summary>Finds Hermes/Qwen-style <c>&lt;tool_call&gt;{json}&lt;/tool_call&gt;</c> blocks in model output.</summary>
public static partial class ToolCallParser
{
    [GeneratedRegex(@"<tool_call>\s*(\{.*?\})\s*</tool_call>", RegexOptions.Singleline)]
    private static partial Regex Block();

    /// <summary>The calls whose JSON has a known tool name and object arguments, and the text outside the blocks.</summary>
    public static (IReadOnlyList<FunctionCallContent> Calls, string Text) Parse(string output, IReadOnlySet<string> toolNames)
    {
        var calls = new List<FunctionCallContent>();
        foreach (Match match in Block().Matches(output))
            if (TryRead(match.Groups[1].Value, toolNames) is { } call) calls.Add(call);
        // A model that answers with the bare JSON object (no tags) is calling a tool too.
        if (calls.Count == 0 && output.TrimStart().StartsWith('{') && TryRead(output.Trim(), toolNames) is { } bare)
            return ([bare], "");
        return (calls, calls.Count == 0 ? output : Block().Replace(output, "").Trim());
    }

    private static FunctionCallContent? TryRead(string json, IReadOnlySet<string> toolNames)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (!root.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || !toolNames.Contains(name.GetString()!))
                return null;
            var arguments = root.TryGetProperty("arguments", out var a) && a.ValueKind == JsonValueKind.Object
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
