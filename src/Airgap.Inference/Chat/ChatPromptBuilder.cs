using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Airgap.Inference.Chat;

/// <summary>
/// Turns M.E.AI messages into the role/content turns a chat template takes: tool definitions go into the system
/// turn (Hermes/Qwen style), earlier tool calls become &lt;tool_call&gt; blocks, tool results &lt;tool_response&gt; blocks,
/// and each image becomes the marker that stands for it.
/// </summary>
public static class ChatPromptBuilder
{
    public static List<(string Role, string Content)> Build(IEnumerable<ChatMessage> messages, IReadOnlyList<AIFunctionDeclaration> tools)
    {
        var turns = new List<(string Role, string Content)>();
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.Tool)
            {
                var results = message.Contents.OfType<FunctionResultContent>()
                    .Select(r => $"<tool_response>\n{ResultText(r.Result)}\n</tool_response>");
                turns.Add(("user", string.Join("\n", results.DefaultIfEmpty(message.Text))));
                continue;
            }
            var text = new StringBuilder(ChatImages.TextWithMarkers(message));
            foreach (var call in message.Contents.OfType<FunctionCallContent>())
            {
                if (text.Length > 0) text.Append('\n');
                text.Append("<tool_call>\n").Append(JsonSerializer.Serialize(new { name = call.Name, arguments = call.Arguments })).Append("\n</tool_call>");
            }
            turns.Add((message.Role.Value, text.ToString()));
        }
        if (tools.Count > 0) AddToolInstructions(turns, tools);
        return turns;
    }

    private static void AddToolInstructions(List<(string Role, string Content)> turns, IReadOnlyList<AIFunctionDeclaration> tools)
    {
        var block = new StringBuilder("# Tools\n\nYou may call one or more functions to assist with the user query.\n\n")
            .Append("You are provided with function signatures within <tools></tools> XML tags:\n<tools>\n");
        foreach (var tool in tools)
        {
            var signature = new { type = "function", function = new { name = tool.Name, description = tool.Description, parameters = tool.JsonSchema } };
            block.Append(JsonSerializer.Serialize(signature)).Append('\n');
        }
        block.Append("</tools>\n\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n")
            .Append("<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call>");
        if (turns.Count > 0 && turns[0].Role == "system") turns[0] = ("system", turns[0].Content + "\n\n" + block);
        else turns.Insert(0, ("system", block.ToString()));
    }

    private static string ResultText(object? result) => result switch
    {
        null => "",
        string s => s,
        JsonElement e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText(),
        _ => JsonSerializer.Serialize(result),
    };
}
