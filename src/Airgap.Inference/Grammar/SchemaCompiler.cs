using System.Text;
using System.Text.Json;
using Airgap.Inference.Errors;

namespace Airgap.Inference.Grammar;

/// <summary>
/// Writes the GBNF rules for one JSON schema, keyword by keyword, within <see cref="GrammarLimits"/>. A keyword a
/// grammar cannot enforce is refused naming its path (e.g. <c>format.properties.age.multipleOf</c>), never ignored.
/// </summary>
internal sealed class SchemaCompiler(JsonElement root, string field, GrammarLimits limits, string prefix = "")
{
    /// <summary>Longest string when the schema gives no maxLength, and most array items when it gives no maxItems.</summary>
    public const int DefaultMaxStringChars = 256, DefaultMaxItems = 16, AnyDepth = 3;

    // Nine digits always fit a 32-bit integer, which is what most consumers deserialize into.
    private const long Narrowest = 999_999_999;

    private static readonly string[] Unenforceable =
    [
        "multipleOf", "not", "if", "then", "else", "contains", "minContains", "maxContains", "prefixItems",
        "patternProperties", "propertyNames", "dependentRequired", "dependentSchemas", "dependencies",
        "unevaluatedItems", "$dynamicRef", "$recursiveRef", "additionalItems",
    ];

    // Days up to 28 exist in every month of every year, so no date written is one a validator refuses.
    private const string Date = "[0-9]{4} \"-\" (\"0\" [1-9] | \"1\" [0-2]) \"-\" (\"0\" [1-9] | \"1\" [0-9] | \"2\" [0-8])";
    // Offsets stay within ±13:45, which every parser takes (.NET refuses beyond ±14:00).
    private const string Time = "([01] [0-9] | \"2\" [0-3]) \":\" [0-5] [0-9] \":\" [0-5] [0-9] (\".\" [0-9]{3})? (\"Z\" | [+-] (\"0\" [0-9] | \"1\" [0-3]) \":\" (\"00\" | \"30\" | \"45\"))";

    // Each format's grammar (a plain subset of what the format allows) and the shortest and longest string it writes,
    // so a minLength/maxLength that the format already satisfies can be accepted alongside it.
    private static readonly Dictionary<string, (string Rule, int Shortest, int Longest)> StringFormats = new(StringComparer.Ordinal)
    {
        ["date"] = (Date, 10, 10),
        ["time"] = (Time, 9, 18),
        ["date-time"] = ($"{Date} \"T\" {Time}", 20, 29),
        ["uuid"] = ("[0-9a-f]{8} \"-\" [0-9a-f]{4} \"-\" [0-9a-f]{4} \"-\" [0-9a-f]{4} \"-\" [0-9a-f]{12}", 36, 36),
        ["email"] = ("[a-z0-9]{1,32} \"@\" ([a-z0-9]{1,32} \".\"){1,2} [a-z]{2,8}", 6, 107),
        ["uri"] = ("\"https://\" [a-z0-9]{1,32} (\".\" [a-z0-9]{1,16}){1,3} (\"/\" [a-zA-Z0-9._~-]{1,32}){0,4}", 11, 223),
    };

    private readonly StringBuilder _rules = new();
    private readonly Dictionary<string, string> _references = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _anyValues = [];
    private int _count;
    private long _repetitions;

    public string Rules => _rules.ToString();

    public string Add(string body)
    {
        if (++_count > limits.MaxRules) throw new InvalidRequestException(field, $"needs more than {limits.MaxRules} grammar rules");
        var name = $"{prefix}r{_count}";
        _rules.Append(name).Append(" ::= ").Append(body).Append('\n');
        return name;
    }

    public string Rule(JsonElement schema, string path, int depth)
    {
        if (depth > limits.MaxDepth) throw new InvalidRequestException(path, $"nests deeper than {limits.MaxDepth} levels (or refers to itself)");
        switch (schema.ValueKind)
        {
            case JsonValueKind.True: return AnyValue(AnyDepth);
            case JsonValueKind.False: throw new InvalidRequestException(path, "is false: no value matches it");
            case JsonValueKind.Object: break;
            default: throw new InvalidRequestException(path, "a schema must be an object or a boolean");
        }
        foreach (var keyword in Unenforceable)
            if (schema.TryGetProperty(keyword, out _)) throw new InvalidRequestException($"{path}.{keyword}", "cannot be enforced by a grammar; remove it or check the answer yourself");
        if (schema.TryGetProperty("$ref", out var reference)) return Reference(reference, $"{path}.$ref", depth);
        if (schema.TryGetProperty("const", out var constant)) return Literal(constant);
        if (schema.TryGetProperty("enum", out var values)) return Enum(values, $"{path}.enum");
        if (schema.TryGetProperty("allOf", out var all))
        {
            if (all.ValueKind != JsonValueKind.Array || all.GetArrayLength() != 1)
                throw new InvalidRequestException($"{path}.allOf", "only an allOf of exactly one schema can be enforced");
            return Rule(all[0], $"{path}.allOf[0]", depth + 1);
        }
        foreach (var keyword in new[] { "anyOf", "oneOf" })
            if (schema.TryGetProperty(keyword, out var options)) return Union(options, $"{path}.{keyword}", depth);
        if (!schema.TryGetProperty("type", out var type)) return Untyped(schema, path, depth);
        if (type.ValueKind == JsonValueKind.String) return TypeRule(type.GetString()!, schema, path, depth);
        if (type.ValueKind != JsonValueKind.Array || type.GetArrayLength() == 0 || type.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String))
            throw new InvalidRequestException($"{path}.type", "must be a type name or a non-empty list of them");
        return Add(string.Join(" | ", type.EnumerateArray().Select(t => TypeRule(t.GetString()!, schema, path, depth))));
    }

    public string AnyValue(int depth)
    {
        if (_anyValues.TryGetValue(depth, out var known)) return known;
        var rule = depth <= 0
            ? Add("string | number | boolean | null")
            : Add($"string | number | boolean | null | {AnyObject(AnyValue(depth - 1))} | {AnyArray(AnyValue(depth - 1))}");
        return _anyValues[depth] = rule;
    }

    public string AnyObject(string value) =>
        Add($"\"{{\" ws (string \":\" ws {value} (\",\" ws string \":\" ws {value}){{0,{DefaultMaxItems - 1}}})? \"}}\" ws");

    private string AnyArray(string value) =>
        Add($"\"[\" ws ({value} (\",\" ws {value}){{0,{DefaultMaxItems - 1}}})? \"]\" ws");

    // Without a type, the keywords present say which kind of value is meant.
    private string Untyped(JsonElement schema, string path, int depth)
    {
        bool Has(params string[] keywords) => keywords.Any(k => schema.TryGetProperty(k, out _));
        if (Has("properties", "additionalProperties", "required")) return Object(schema, path, depth);
        if (Has("items", "minItems", "maxItems")) return Array(schema, path, depth);
        if (Has("minLength", "maxLength", "pattern")) return String(schema, path);
        if (Has("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")) return Number(schema, path);
        return AnyValue(AnyDepth);
    }

    private string TypeRule(string type, JsonElement schema, string path, int depth) => type switch
    {
        "string" => String(schema, path),
        "integer" => Integer(schema, path),
        "number" => Number(schema, path),
        "boolean" => "boolean",
        "null" => "null",
        "object" => Object(schema, path, depth),
        "array" => Array(schema, path, depth),
        _ => throw new InvalidRequestException($"{path}.type", $"unsupported schema type '{type}'"),
    };

    private string String(JsonElement schema, string path)
    {
        var minLength = Count(schema, "minLength", path);
        var maxLength = Count(schema, "maxLength", path);
        if (schema.TryGetProperty("pattern", out var pattern))
        {
            if (pattern.ValueKind != JsonValueKind.String) throw new InvalidRequestException($"{path}.pattern", "must be a string");
            if (minLength is not null || maxLength is not null || schema.TryGetProperty("format", out _))
                throw new InvalidRequestException($"{path}.pattern", "cannot be enforced together with minLength, maxLength or format");
            var content = PatternGrammar.Compile(pattern.GetString()!, $"{path}.pattern", limits, n => Repeat(n, $"{path}.pattern"), Add);
            return Add($"\"\\\"\" ({content}) \"\\\"\" ws");
        }
        if (schema.TryGetProperty("format", out var format))
        {
            var name = format.ValueKind == JsonValueKind.String ? format.GetString()! : "";
            if (!StringFormats.TryGetValue(name, out var known))
                throw new InvalidRequestException($"{path}.format", $"'{format}' is not a format this grammar enforces ({string.Join(", ", StringFormats.Keys)})");
            if (known.Shortest < (minLength ?? 0) || known.Longest > (maxLength ?? int.MaxValue))
                throw new InvalidRequestException($"{path}.{(known.Shortest < (minLength ?? 0) ? "minLength" : "maxLength")}",
                    $"cannot be enforced together with format '{name}', whose strings are {known.Shortest} to {known.Longest} characters");
            return Add($"\"\\\"\" {known.Rule} \"\\\"\" ws");
        }
        if (minLength is null && maxLength is null) return "string";
        var min = minLength ?? 0;
        if (min > maxLength) throw new InvalidRequestException($"{path}.minLength", "is above maxLength: no string fits");
        if (min > limits.MaxRepetitions) throw new InvalidRequestException($"{path}.minLength", $"asks for more than {limits.MaxRepetitions} characters");
        var max = Math.Min(maxLength ?? int.MaxValue, Math.Max(DefaultMaxStringChars, min));
        Repeat(max, $"{path}.maxLength");
        return Add($"\"\\\"\" char{{{min},{max}}} \"\\\"\" ws");
    }

    private string Integer(JsonElement schema, string path)
    {
        var bounds = NumericBounds.Read(schema, path);
        var wide = (schema.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String && f.GetString() == "int64")
            || bounds.Lower < -Narrowest || bounds.Upper > Narrowest;
        if (bounds.IsOpen) return wide ? "integer64" : "integer";
        return Add($"({bounds.Integers(wide ? IntegerRange.Widest : Narrowest, path)}) ws");
    }

    private string Number(JsonElement schema, string path)
    {
        var bounds = NumericBounds.Read(schema, path);
        return bounds.IsOpen ? "number" : Add($"({bounds.Numbers(path)}) ws");
    }

    private string Object(JsonElement schema, string path, int depth)
    {
        var names = new List<string>();
        var parts = new List<string>();
        if (schema.TryGetProperty("properties", out var properties))
        {
            if (properties.ValueKind != JsonValueKind.Object) throw new InvalidRequestException($"{path}.properties", "must be an object of schemas");
            foreach (var p in properties.EnumerateObject())
            {
                names.Add(p.Name);
                parts.Add($"{GbnfLiteral.Quoted(JsonSerializer.Serialize(p.Name))} ws \":\" ws {Rule(p.Value, $"{path}.properties.{p.Name}", depth + 1)}");
            }
        }
        if (schema.TryGetProperty("required", out var required))
        {
            if (required.ValueKind != JsonValueKind.Array || required.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String))
                throw new InvalidRequestException($"{path}.required", "must be a list of property names");
            if (required.EnumerateArray().Select(r => r.GetString()!).FirstOrDefault(r => !names.Contains(r)) is { } missing)
                throw new InvalidRequestException($"{path}.required", $"names '{missing}', which is not among properties");
        }
        var minProperties = Count(schema, "minProperties", path);
        var maxProperties = Count(schema, "maxProperties", path);
        if (names.Count == 0)
        {
            var additional = schema.TryGetProperty("additionalProperties", out var a) ? a : default;
            if (additional.ValueKind == JsonValueKind.False)
                return minProperties > 0 ? throw new InvalidRequestException($"{path}.minProperties", "asks for properties the schema forbids") : Add("\"{\" ws \"}\" ws");
            if (minProperties > 0 || maxProperties is not null)
                throw new InvalidRequestException($"{path}.{(minProperties > 0 ? "minProperties" : "maxProperties")}", "can be enforced only with listed properties");
            var value = additional.ValueKind == JsonValueKind.Undefined ? AnyValue(AnyDepth) : Rule(additional, $"{path}.additionalProperties", depth + 1);
            return AnyObject(value);
        }
        // Every listed property is written, in schema order: required ones must be, and optional ones may be.
        if (minProperties > names.Count) throw new InvalidRequestException($"{path}.minProperties", $"asks for more than the {names.Count} listed properties");
        if (maxProperties < names.Count) throw new InvalidRequestException($"{path}.maxProperties", $"allows fewer than the {names.Count} listed properties, which are all written");
        return Add("\"{\" ws " + string.Join(" \",\" ws ", parts) + " \"}\" ws");
    }

    private string Array(JsonElement schema, string path, int depth)
    {
        var item = AnyValue(AnyDepth);
        if (schema.TryGetProperty("items", out var items))
        {
            if (items.ValueKind == JsonValueKind.Array) throw new InvalidRequestException($"{path}.items", "a list of item schemas (tuple form) is not supported");
            item = Rule(items, $"{path}.items", depth + 1);
        }
        var min = Count(schema, "minItems", path) ?? 0;
        var maxItems = Count(schema, "maxItems", path);
        if (min > maxItems) throw new InvalidRequestException($"{path}.minItems", "is above maxItems: no array fits");
        if (min > limits.MaxRepetitions) throw new InvalidRequestException($"{path}.minItems", $"asks for more than {limits.MaxRepetitions} items");
        var max = Math.Min(maxItems ?? int.MaxValue, Math.Max(DefaultMaxItems, min));
        if (schema.TryGetProperty("uniqueItems", out var unique) && unique.ValueKind == JsonValueKind.True && max > 1)
            throw new InvalidRequestException($"{path}.uniqueItems", "cannot be enforced by a grammar; remove it or check the answer yourself");
        if (max == 0) return Add("\"[\" ws \"]\" ws");
        Repeat(max, $"{path}.{(maxItems is null ? "minItems" : "maxItems")}");
        var tail = $"(\",\" ws {item}){{{Math.Max(0, min - 1)},{max - 1}}}";
        return Add(min == 0 ? $"\"[\" ws ({item} {tail})? \"]\" ws" : $"\"[\" ws {item} {tail} \"]\" ws");
    }

    private string Enum(JsonElement values, string path)
    {
        if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0) throw new InvalidRequestException(path, "must be a non-empty list");
        if (values.GetArrayLength() > limits.MaxEnumValues) throw new InvalidRequestException(path, $"has {values.GetArrayLength()} values, more than {limits.MaxEnumValues}");
        return Add($"({EnumTrie.Expression(values.EnumerateArray().Select(v => v.GetRawText()).Distinct(StringComparer.Ordinal), Add)}) ws");
    }

    private string Union(JsonElement options, string path, int depth)
    {
        if (options.ValueKind != JsonValueKind.Array || options.GetArrayLength() == 0) throw new InvalidRequestException(path, "must be a non-empty list of schemas");
        if (options.GetArrayLength() > limits.MaxEnumValues) throw new InvalidRequestException(path, $"has more than {limits.MaxEnumValues} schemas");
        return Add(string.Join(" | ", options.EnumerateArray().Select((o, i) => Rule(o, $"{path}[{i}]", depth + 1))));
    }

    private string Reference(JsonElement value, string path, int depth)
    {
        var reference = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new InvalidRequestException(path, "must be a string");
        if (_references.TryGetValue(reference, out var known)) return known;
        var container = reference.StartsWith("#/$defs/", StringComparison.Ordinal) ? "$defs"
            : reference.StartsWith("#/definitions/", StringComparison.Ordinal) ? "definitions"
            : throw new InvalidRequestException(path, $"only local $ref to $defs or definitions is supported, got '{reference}'");
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(container, out var defs) || defs.ValueKind != JsonValueKind.Object
            || !defs.TryGetProperty(reference[(container.Length + 3)..], out var target))
            throw new InvalidRequestException(path, $"$ref '{reference}' points nowhere");
        return _references[reference] = Rule(target, path, depth + 1);
    }

    private void Repeat(int count, string path)
    {
        if (count > limits.MaxRepetitions) throw new InvalidRequestException(path, $"asks for {count} repetitions, more than {limits.MaxRepetitions}");
        _repetitions += count;
        if (_repetitions > limits.MaxTotalRepetitions)
            throw new InvalidRequestException(path, $"brings the schema's repetitions (lengths and item counts) above {limits.MaxTotalRepetitions} in all");
    }

    private static int? Count(JsonElement schema, string keyword, string path)
    {
        if (!schema.TryGetProperty(keyword, out var value)) return null;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= 0 ? n
            : value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) && d >= 0 && d == Math.Floor(d) ? int.MaxValue
            : throw new InvalidRequestException($"{path}.{keyword}", "must be a non-negative integer");
    }

    private static string Literal(JsonElement value) => GbnfLiteral.Quoted(value.GetRawText()) + " ws";
}
