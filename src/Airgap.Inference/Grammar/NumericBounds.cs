using System.Text.Json;
using Airgap.Inference.Errors;

namespace Airgap.Inference.Grammar;

/// <summary>
/// The whole-number range a schema's <c>minimum</c>, <c>maximum</c> and exclusive forms allow, rounded inward,
/// and the GBNF for integers and numbers within it.
/// </summary>
internal readonly record struct NumericBounds(long? Lower, long? Upper)
{
    /// <summary>Largest integer part a bounded number may have: 15 digits, exact in a double.</summary>
    public const long WidestNumber = 999_999_999_999_999;

    public bool IsOpen => Lower is null && Upper is null;

    public static NumericBounds Read(JsonElement schema, string path)
    {
        var lower = Bound(schema, "minimum", path, inclusive: true, up: true);
        var upper = Bound(schema, "maximum", path, inclusive: true, up: false);
        var exclusiveLower = Exclusive(schema, "exclusiveMinimum", "minimum", path, up: true);
        var exclusiveUpper = Exclusive(schema, "exclusiveMaximum", "maximum", path, up: false);
        lower = Max(lower, exclusiveLower);
        upper = Min(upper, exclusiveUpper);
        if (lower > upper) throw new InvalidRequestException($"{path}.minimum", "is above maximum: no value fits between them");
        return new NumericBounds(lower, upper);
    }

    /// <summary>GBNF for the integers in range, each no wider than <paramref name="widest"/>.</summary>
    public string Integers(long widest, string path)
    {
        var (low, high) = Within(widest, path);
        return IntegerRange.Expression(low, high);
    }

    /// <summary>GBNF for decimal numbers in range (no exponent): an integer part below the top, then any fraction.</summary>
    public string Numbers(string path)
    {
        var (low, high) = Within(WidestNumber, path);
        var parts = new List<string>(2);
        if (low < 0) parts.Add($"\"-\" ({Magnitudes(Math.Max(0, -high), -low)})");
        if (high >= 0) parts.Add(Magnitudes(Math.Max(0, low), high));
        return string.Join(" | ", parts);
    }

    // Values in [from, to] written without a sign: k.fraction for k below the top, or the top exactly.
    private static string Magnitudes(long from, long to) =>
        from == to ? IntegerRange.Expression(to, to)
            : $"({IntegerRange.Expression(from, to - 1)}) (\".\" [0-9]{{1,8}})? | {IntegerRange.Expression(to, to)}";

    private (long Low, long High) Within(long widest, string path)
    {
        if (Lower > widest) throw new InvalidRequestException($"{path}.minimum", $"is above {widest}, the largest value this grammar writes");
        if (Upper < -widest) throw new InvalidRequestException($"{path}.maximum", $"is below -{widest}, the smallest value this grammar writes");
        return (Math.Max(Lower ?? -widest, -widest), Math.Min(Upper ?? widest, widest));
    }

    private static long? Bound(JsonElement schema, string keyword, string path, bool inclusive, bool up)
    {
        if (!schema.TryGetProperty(keyword, out var value)) return null;
        var number = Number(value, $"{path}.{keyword}");
        return Round(number, up, strict: !inclusive);
    }

    private static long? Exclusive(JsonElement schema, string keyword, string inclusiveKeyword, string path, bool up)
    {
        if (!schema.TryGetProperty(keyword, out var value)) return null;
        // Draft 4 spells an exclusive bound as a flag on minimum/maximum.
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            if (value.ValueKind == JsonValueKind.False || !schema.TryGetProperty(inclusiveKeyword, out var bound)) return null;
            return Round(Number(bound, $"{path}.{inclusiveKeyword}"), up, strict: true);
        }
        return Round(Number(value, $"{path}.{keyword}"), up, strict: true);
    }

    private static decimal Number(JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.Number) throw new InvalidRequestException(field, "must be a number");
        if (!value.TryGetDecimal(out var number) || Math.Abs(number) > 1e18m) throw new InvalidRequestException(field, "is beyond ±10^18, wider than this grammar writes");
        return number;
    }

    // The nearest whole number inside the bound: up for a lower bound, down for an upper one; strict skips the bound itself.
    private static long Round(decimal bound, bool up, bool strict)
    {
        var whole = up ? Math.Ceiling(bound) : Math.Floor(bound);
        if (strict && whole == bound) whole += up ? 1 : -1;
        return (long)whole;
    }

    private static long? Max(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static long? Min(long? a, long? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
}
