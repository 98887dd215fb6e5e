using System.Globalization;

namespace Airgap.Inference.Grammar;

/// <summary>
/// GBNF matching exactly the JSON integers (no leading zeros) in a closed range, built digit by digit like
/// llama.cpp's json-schema-to-grammar: a range of equal-length numbers splits at its first differing digit.
/// </summary>
internal static class IntegerRange
{
    /// <summary>The widest magnitude a range may name: 18 digits, so every bound and its negation fit a long.</summary>
    public const long Widest = 999_999_999_999_999_999;

    public static string Expression(long min, long max)
    {
        if (min > max || min < -Widest || max > Widest) throw new ArgumentOutOfRangeException(nameof(min), $"[{min}, {max}] is not a range this grammar can express");
        var parts = new List<string>(2);
        // Negative values are "-" and a magnitude; "-0" is never produced.
        if (min < 0) parts.Add($"\"-\" ({NonNegative(Math.Max(1, -max), -min)})");
        if (max >= 0) parts.Add(NonNegative(Math.Max(0, min), max));
        return string.Join(" | ", parts);
    }

    private static string NonNegative(long low, long high)
    {
        var alternatives = new List<string>();
        var lowDigits = Digits(low);
        var highDigits = Digits(high);
        for (var length = lowDigits; length <= highDigits; length++)
        {
            var from = length == lowDigits ? low : Pow10(length - 1);
            var to = length == highDigits ? high : Pow10(length) - 1;
            alternatives.Add(SameLength(Text(from), Text(to)));
        }
        return string.Join(" | ", alternatives);
    }

    // Both strings have the same length and from <= to; inner positions may start with zeros.
    private static string SameLength(string from, string to)
    {
        if (from == to) return $"\"{from}\"";
        var common = 0;
        while (from[common] == to[common]) common++;
        var prefix = common > 0 ? $"\"{from[..common]}\" " : "";
        char low = from[common], high = to[common];
        var rest = from.Length - common - 1;
        if (rest == 0) return prefix + Digit(low, high);
        var fromRest = from[(common + 1)..];
        var toRest = to[(common + 1)..];
        var lowIsWhole = fromRest.All(c => c == '0');
        var highIsWhole = toRest.All(c => c == '9');
        var alternatives = new List<string>(3);
        if (!lowIsWhole) alternatives.Add($"[{low}] ({SameLength(fromRest, new string('9', rest))})");
        var middleFrom = lowIsWhole ? low : (char)(low + 1);
        var middleTo = highIsWhole ? high : (char)(high - 1);
        if (middleFrom <= middleTo) alternatives.Add($"{Digit(middleFrom, middleTo)} {AnyDigits(rest)}");
        if (!highIsWhole) alternatives.Add($"[{high}] ({SameLength(new string('0', rest), toRest)})");
        return $"{prefix}({string.Join(" | ", alternatives)})";
    }

    private static string Digit(char from, char to) => from == to ? $"[{from}]" : $"[{from}-{to}]";

    private static string AnyDigits(int count) => count == 1 ? "[0-9]" : $"[0-9]{{{count}}}";

    private static int Digits(long value) => Text(value).Length;

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static long Pow10(int exponent)
    {
        var result = 1L;
        for (var i = 0; i < exponent; i++) result *= 10;
        return result;
    }
}
