using System.Text;
using System.Text.Json;
using Airgap.Inference.Errors;

namespace Airgap.Inference.Grammar;

/// <summary>
/// Turns a JSON schema (or "any JSON object") into a llama.cpp GBNF grammar. Strings, arrays, numbers and nesting
/// are bounded, so even a weak model must close every value within a bounded number of tokens and the output
/// parses; sizes a request can ask for are held to <see cref="GrammarLimits"/>.
/// </summary>
public static class JsonGrammar
{
    // A "\u" escape never names a surrogate: a lone one is not valid UTF-16 and strict parsers refuse it.
    private static readonly string Primitives = $$"""
        ws ::= [ ]?
        hex ::= [0-9a-fA-F]
        char ::= [^"\\\x7F\x00-\x1F] | "\\" (["\\/bfnrt] | "u" ([0-9a-cA-Ce-fE-F] hex hex hex | [dD] [0-7] hex hex))
        string ::= "\"" char{0,{{SchemaCompiler.DefaultMaxStringChars}}} "\"" ws
        integer ::= "-"? ([0-9] | [1-9] [0-9]{0,8}) ws
        integer64 ::= "-"? ([0-9] | [1-9] [0-9]{0,17}) ws
        number ::= "-"? ([0-9] | [1-9] [0-9]{0,15}) ("." [0-9]{1,8})? ([eE] [-+]? [0-9]{1,2})? ws
        boolean ::= ("true" | "false") ws
        null ::= "null" ws
        """;

    /// <summary>A grammar for any JSON object (Ollama's format: "json", OpenAI's json_object).</summary>
    public static string AnyObject()
    {
        var g = new SchemaCompiler(default, "format", GrammarLimits.Default);
        var root = g.AnyObject(g.AnyValue(SchemaCompiler.AnyDepth));
        return $"root ::= ws {root}\n{Primitives}\n{g.Rules}";
    }

    /// <summary>A grammar for values valid under <paramref name="schema"/>; a keyword it cannot enforce or a size beyond <paramref name="limits"/> throws <see cref="InvalidRequestException"/> naming it.</summary>
    public static string FromSchema(JsonElement schema, string field = "format", GrammarLimits? limits = null)
    {
        limits ??= GrammarLimits.Default;
        if (schema.ValueKind is not (JsonValueKind.Object or JsonValueKind.True))
            throw new InvalidRequestException(field, "a JSON schema must be an object");
        var g = new SchemaCompiler(schema, field, limits);
        var root = g.Rule(schema, field, 0);
        return Bounded($"root ::= ws {root}\n{Primitives}\n{g.Rules}", field, limits);
    }

    /// <summary>
    /// A grammar for exactly one Hermes-style tool call, <c>&lt;tool_call&gt;{"name": …, "arguments": …}&lt;/tool_call&gt;</c>,
    /// whose name is one of <paramref name="tools"/> and whose arguments follow that tool's schema.
    /// </summary>
    public static string ToolCall(IReadOnlyList<(string Name, JsonElement Schema)> tools, GrammarLimits? limits = null)
    {
        limits ??= GrammarLimits.Default;
        if (tools.Count == 0) throw new InvalidRequestException("tools", "a required tool call needs at least one tool");
        if (tools.Count > limits.MaxEnumValues) throw new InvalidRequestException("tools", $"more than {limits.MaxEnumValues} tools cannot be required at once");
        var heads = new List<string>();
        var bodies = new StringBuilder();
        for (var i = 0; i < tools.Count; i++)
        {
            var (name, schema) = tools[i];
            var g = new SchemaCompiler(schema, $"tools[{i}].parameters", limits, $"t{i}");
            var arguments = schema.ValueKind == JsonValueKind.Object
                ? g.Rule(schema, $"tools[{i}].parameters", 0)
                : g.AnyObject(g.AnyValue(1));
            heads.Add($"{GbnfLiteral.Quoted("{\"name\": " + JsonSerializer.Serialize(name) + ", \"arguments\": ")} {arguments} \"}}\"");
            bodies.Append(g.Rules);
        }
        return Bounded($"root ::= \"<tool_call>\\n\" ({string.Join(" | ", heads)}) \"\\n</tool_call>\"\n{Primitives}\n{bodies}", "tools", limits);
    }

    /// <summary>Refuses a grammar longer than <see cref="GrammarLimits.MaxGrammarChars"/>, naming <paramref name="field"/>.</summary>
    public static string Bounded(string grammar, string field, GrammarLimits? limits = null)
    {
        var max = (limits ?? GrammarLimits.Default).MaxGrammarChars;
        return grammar.Length <= max ? grammar
            : throw new InvalidRequestException(field, $"makes a grammar of {grammar.Length} characters, more than {max}");
    }
}
