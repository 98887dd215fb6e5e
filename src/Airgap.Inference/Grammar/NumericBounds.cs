using System.Text.Json;
using Airgap.Inference.Errors;

namespace Airgap.Inference.Grammar;

/// <summary>
/// A schema's <c>minimum</c>, <c>maximum</c> and exclusive forms (number or draft-4 flag), and the GBNF for the
/// integers or numbers between them. A bound that is not a whole number is rounded inward to one.
/// </summary>
internal readonly record struct NumericBounds(decimal? Lower, bool LowerExclusive, decimal? Upper, bool UpperExclusive)
{
    /// <summary>Largest integer part a bounded number may have: 15 digits, exact in a double.</summary>
    public const long WidestNumber = 999_999_999_999_999;

    public bool IsOpen => Lower is null && Upper is null;

    public static NumericBounds Read(JsonElement schema, string path)
    {
        var (lower, lowerExclusive) = Tighter(Bound(schema, "minimum", path), Exclusive(schema, "exclusiveMinimum", "minimum", path), up: true);
        var (upper, upperExclusive) = Tighter(Bound(schema, "maximum", path), Exclusive(schema, "exclusiveMaximum", "maximum", path), up: false);
        return new NumericBounds(lower, lowerExclusive, upper, upperExclusive);
    }

    /// <summary>GBNF for the integers in range, each no wider than <paramref name="widest"/>.</summary>
    public string Integers(long widest, string path)
    {
        var low = Lower is { } l ? Whole(Math.Ceiling(l) == l && LowerExclusive ? l + 1 : Math.Ceiling(l)) : -widest;
        var high = Upper is { } u ? Whole(Math.Floor(u) == u && UpperExclusive ? u - 1 : Math.Floor(u)) : widest;
        if (low > widest) throw new InvalidRequestException($"{path}.minimum", $"is above {widest}, the largest integer this grammar writes");
        if (high < -widest) throw new InvalidRequestException($"{path}.maximum", $"is below -{widest}, the smallest integer this grammar writes");
        (low, high) = (Math.Max(low, -widest), Math.Min(high, widest));
        if (low > high) throw new InvalidRequestException($"{path}.minimum", "leaves no integer below maximum");
        return IntegerRange.Expression(low, high);
    }

    /// <summary>GBNF for decimal numbers in range, written without an exponent.</summary>
    public string Numbers(string path)
    {
        // A bound that is not whole is rounded inward, which also satisfies its exclusiveness.
        var (low, lowStrict) = Lower is { } l ? (Whole(Math.Ceiling(l)), LowerExclusive && Math.Ceiling(l) == l) : (-WidestNumber, false);
        var (high, highStrict) = Upper is { } u ? (Whole(Math.Floor(u)), UpperExclusive && Math.Floor(u) == u) : (WidestNumber, false);
        if (low > WidestNumber) throw new InvalidRequestException($"{path}.minimum", $"is above {WidestNumber}, the largest number this grammar writes");
        if (high < -WidestNumber) throw new InvalidRequestException($"{path}.maximum", $"is below -{WidestNumber}, the smallest number this grammar writes");
        if (low < -WidestNumber) (low, lowStrict) = (-WidestNumber, false);
        if (high > WidestNumber) (high, highStrict) = (WidestNumber, false);
        var parts = new List<string>(2);
        // Below zero: "-" and a magnitude, whose upper end is the lower bound.
        if (low < 0 && Magnitudes(Math.Max(0, -high), high <= 0 && highStrict, -low, lowStrict) is { } negative) parts.Add($"\"-\" ({negative})");
        if (high >= 0 && Magnitudes(Math.Max(0, low), low >= 0 && lowStrict, high, highStrict) is { } positive) parts.Add(positive);
        return parts.Count > 0 ? string.Join(" | ", parts)
            : throw new InvalidRequestException($"{path}.minimum", "leaves no number below maximum once bounds are rounded inward to whole numbers");
    }

    // Unsigned values from `from` to `to`: k.fraction for k below the top, the top itself unless excluded; when the
    // bottom is excluded, k = from needs a fraction that is not zero.
    private static string? Magnitudes(long from, bool fromExcluded, long to, bool toExcluded)
    {
        const string fraction = "(\".\" [0-9]{1,8})?";
        if (from > to) return null;
        var parts = new List<string>(3);
        if (from < to)
        {
            if (fromExcluded) parts.Add($"{IntegerRange.Expression(from, from)} \".\" [0-9]{{0,7}} [1-9]");
            var first = fromExcluded ? from + 1 : from;
            if (first <= to - 1) parts.Add($"({IntegerRange.Expression(first, to - 1)}) {fraction}");
        }
        if (!toExcluded && !(from == to && fromExcluded)) parts.Add(IntegerRange.Expression(to, to));
        return parts.Count > 0 ? string.Join(" | ", parts) : null;
    }

    private static (decimal? Value, bool Exclusive) Tighter((decimal? Value, bool Exclusive) a, (decimal? Value, bool Exclusive) b, bool up)
    {
        if (a.Value is null) return b;
        if (b.Value is null) return a;
        if (a.Value == b.Value) return (a.Value, a.Exclusive || b.Exclusive);
        return (a.Value > b.Value) == up ? a : b;
    }

    private static (decimal?, bool) Bound(JsonElement schema, string keyword, string path) =>
        schema.TryGetProperty(keyword, out var value) ? (Number(value, $"{path}.{keyword}"), false) : (null, false);

    private static (decimal?, bool) Exclusive(JsonElement schema, string keyword, string inclusiveKeyword, string path)
    {
        if (!schema.TryGetProperty(keyword, out var value)) return (null, false);
        // Draft 4 spells an exclusive bound as a flag on minimum/maximum.
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            if (value.ValueKind == JsonValueKind.False || !schema.TryGetProperty(inclusiveKeyword, out var bound)) return (null, false);
            return (Number(bound, $"{path}.{inclusiveKeyword}"), true);
        }
        return (Number(value, $"{path}.{keyword}"), true);
    }

    private static decimal Number(JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.Number) throw new InvalidRequestException(field, "must be a number");
        if (!value.TryGetDecimal(out var number) || Math.Abs(number) > 1e18m) throw new InvalidRequestException(field, "is beyond ±10^18, wider than this grammar writes");
        return number;
    }

    private static long Whole(decimal value) => (long)value;
}
