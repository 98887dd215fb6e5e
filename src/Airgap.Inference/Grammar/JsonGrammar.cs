using System.Globalization;
using System.Text;
using System.Text.Json;
using Airgap.Inference.Errors;

namespace Airgap.Inference.Grammar;

/// <summary>
/// Turns a JSON schema (or "any JSON object") into a llama.cpp GBNF grammar. Strings, arrays and nesting are
/// bounded, so even a weak model must close every value within a bounded number of tokens and the output parses.
/// </summary>
public sealed class JsonGrammar
{
    private const int MaxStringChars = 256;
    private const int MaxArrayItems = 16;
    private const int MaxAnyDepth = 3;

    private readonly StringBuilder _rules = new();
    private readonly Dictionary<string, string> _named = new(StringComparer.Ordinal);
    private readonly JsonElement _root;
    private int _counter;

    private readonly string _prefix;

    private JsonGrammar(JsonElement root, string prefix = "")
    {
        _root = root;
        _prefix = prefix;
    }

    private static readonly string Primitives = $$"""
        ws ::= [ ]?
        char ::= [^"\\\x7F\x00-\x1F] | "\\" (["\\/bfnrt] | "u" [0-9a-fA-F] [0-9a-fA-F] [0-9a-fA-F] [0-9a-fA-F])
        string ::= "\"" char{0,{{MaxStringChars}}} "\"" ws
        integer ::= "-"? ([0-9] | [1-9] [0-9]{0,8}) ws
        integer64 ::= "-"? ([0-9] | [1-9] [0-9]{0,17}) ws
        number ::= "-"? ([0-9] | [1-9] [0-9]{0,15}) ("." [0-9]{1,8})? ([eE] [-+]? [0-9]{1,3})? ws
        boolean ::= ("true" | "false") ws
        null ::= "null" ws
        """;

    /// <summary>A grammar for any JSON object (Ollama's format: "json", OpenAI's json_object).</summary>
    public static string AnyObject()
    {
        var g = new JsonGrammar(default);
        var value = g.AnyValue(MaxAnyDepth);
        return $"root ::= ws {g.AnyObjectRule(value)}\n{Primitives}\n{g._rules}";
    }

    /// <summary>A grammar for values valid under <paramref name="schema"/>; unsupported keywords throw <see cref="InvalidRequestException"/>.</summary>
    public static string FromSchema(JsonElement schema, string field = "format")
    {
        if (schema.ValueKind is not (JsonValueKind.Object or JsonValueKind.True))
            throw new InvalidRequestException(field, "a JSON schema must be an object");
        var g = new JsonGrammar(schema);
        var root = g.Rule(schema, field, 0);
        return $"root ::= ws {root}\n{Primitives}\n{g._rules}";
    }

    /// <summary>
    /// A grammar for exactly one Hermes-style tool call, <c>&lt;tool_call&gt;{"name": …, "arguments": …}&lt;/tool_call&gt;</c>,
    /// whose name is one of <paramref name="tools"/> and whose arguments follow that tool's schema.
    /// </summary>
    public static string ToolCall(IReadOnlyList<(string Name, JsonElement Schema)> tools)
    {
        if (tools.Count == 0) throw new InvalidRequestException("tools", "a required tool call needs at least one tool");
        var heads = new List<string>();
        var bodies = new StringBuilder();
        for (var i = 0; i < tools.Count; i++)
        {
            var (name, schema) = tools[i];
            var g = new JsonGrammar(schema, $"t{i}");
            var arguments = schema.ValueKind == JsonValueKind.Object
                ? g.Rule(schema, $"tools.{name}.parameters", 0)
                : g.AnyObjectRule(g.AnyValue(1));
            heads.Add($"{Quoted("{\"name\": " + JsonSerializer.Serialize(name) + ", \"arguments\": ")} {arguments} \"}}\"");
            bodies.Append(g._rules);
        }
        return $"root ::= \"<tool_call>\\n\" ({string.Join(" | ", heads)}) \"\\n</tool_call>\"\n{Primitives}\n{bodies}";
    }

    private string Add(string body)
    {
        var name = $"{_prefix}r{_counter++}";
        _rules.Append(name).Append(" ::= ").Append(body).Append('\n');
        return name;
    }

    private string Rule(JsonElement schema, string path, int depth)
    {
        if (depth > 32) throw new InvalidRequestException(path, "schema nests too deeply (or refers to itself)");
        if (schema.ValueKind == JsonValueKind.True) return AnyValue(MaxAnyDepth);
        if (schema.TryGetProperty("$ref", out var reference)) return Reference(reference.GetString() ?? "", path, depth);
        if (schema.TryGetProperty("const", out var constant)) return Literal(constant);
        if (schema.TryGetProperty("enum", out var values))
            return Add(string.Join(" | ", values.EnumerateArray().Select(Literal)));
        foreach (var keyword in new[] { "anyOf", "oneOf" })
            if (schema.TryGetProperty(keyword, out var options))
                return Add(string.Join(" | ", options.EnumerateArray().Select((o, i) => Rule(o, $"{path}.{keyword}[{i}]", depth + 1))));
        if (!schema.TryGetProperty("type", out var type))
            return schema.TryGetProperty("properties", out _) ? Object(schema, path, depth) : AnyValue(MaxAnyDepth);
        if (type.ValueKind == JsonValueKind.Array)
            return Add(string.Join(" | ", type.EnumerateArray().Select(t => TypeRule(t.GetString(), schema, path, depth))));
        return TypeRule(type.GetString(), schema, path, depth);
    }

    private string TypeRule(string? type, JsonElement schema, string path, int depth) => type switch
    {
        "string" => "string",
        // Nine digits always fit a 32-bit integer, which is what most consumers deserialize into.
        "integer" => Wide(schema) ? "integer64" : "integer",
        "number" => "number",
        "boolean" => "boolean",
        "null" => "null",
        "object" => Object(schema, path, depth),
        "array" => Array(schema, path, depth),
        _ => throw new InvalidRequestException(path, $"unsupported schema type '{type}'"),
    };

    private static bool Wide(JsonElement schema) =>
        (schema.TryGetProperty("format", out var f) && f.GetString() == "int64")
        || (schema.TryGetProperty("maximum", out var max) && max.TryGetDouble(out var m) && m > int.MaxValue)
        || (schema.TryGetProperty("minimum", out var min) && min.TryGetDouble(out var n) && n < int.MinValue);

    private string Object(JsonElement schema, string path, int depth)
    {
        if (!schema.TryGetProperty("properties", out var properties) || !properties.EnumerateObject().Any())
            return AnyObjectRule(AnyValue(MaxAnyDepth));
        // Every listed property is written, in schema order: required ones must be, and optional ones may be.
        var parts = properties.EnumerateObject()
            .Select(p => $"{Quoted(JsonSerializer.Serialize(p.Name))} ws \":\" ws {Rule(p.Value, $"{path}.{p.Name}", depth + 1)}");
        return Add("\"{\" ws " + string.Join(" \",\" ws ", parts) + " \"}\" ws");
    }

    private string Array(JsonElement schema, string path, int depth)
    {
        var item = schema.TryGetProperty("items", out var items) ? Rule(items, $"{path}[]", depth + 1) : AnyValue(MaxAnyDepth);
        var min = schema.TryGetProperty("minItems", out var mi) && mi.TryGetInt32(out var a) ? Math.Max(0, a) : 0;
        var max = schema.TryGetProperty("maxItems", out var ma) && ma.TryGetInt32(out var b) ? Math.Min(b, MaxArrayItems) : MaxArrayItems;
        max = Math.Max(max, min);
        if (max == 0) return Add("\"[\" ws \"]\" ws");
        var more = max - 1;
        var tail = min > 1 ? $"(\",\" ws {item}){{{min - 1},{more}}}" : $"(\",\" ws {item}){{0,{more}}}";
        var body = min == 0 ? $"\"[\" ws ({item} {tail})? \"]\" ws" : $"\"[\" ws {item} {tail} \"]\" ws";
        return Add(body);
    }

    private string Reference(string reference, string path, int depth)
    {
        if (_named.TryGetValue(reference, out var known)) return known;
        var prefixes = new[] { "#/$defs/", "#/definitions/" };
        var prefix = prefixes.FirstOrDefault(p => reference.StartsWith(p, StringComparison.Ordinal))
            ?? throw new InvalidRequestException(path, $"only local $ref to $defs or definitions is supported, got '{reference}'");
        var container = prefix == "#/$defs/" ? "$defs" : "definitions";
        if (_root.ValueKind != JsonValueKind.Object || !_root.TryGetProperty(container, out var defs)
            || !defs.TryGetProperty(reference[prefix.Length..], out var target))
            throw new InvalidRequestException(path, $"$ref '{reference}' points nowhere");
        return _named[reference] = Rule(target, path, depth + 1);
    }

    private string AnyValue(int depth) =>
        depth <= 0
            ? Add("string | number | boolean | null")
            : Add($"string | number | boolean | null | {AnyObjectRule(AnyValue(depth - 1))} | {AnyArrayRule(AnyValue(depth - 1))}");

    private string AnyObjectRule(string value) =>
        Add($"\"{{\" ws (string \":\" ws {value} (\",\" ws string \":\" ws {value}){{0,{MaxArrayItems - 1}}})? \"}}\" ws");

    private string AnyArrayRule(string value) =>
        Add($"\"[\" ws ({value} (\",\" ws {value}){{0,{MaxArrayItems - 1}}})? \"]\" ws");

    private static string Literal(JsonElement value) => Quoted(value.GetRawText()) + " ws";

    private static string Quoted(string text)
    {
        var s = new StringBuilder("\"");
        foreach (var c in text)
        {
            s.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c < 0x20 => $"\\x{(int)c:X2}",
                _ => c.ToString(CultureInfo.InvariantCulture),
            });
        }
        return s.Append('"').ToString();
    }
}
