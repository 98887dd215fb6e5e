using System.Globalization;
using System.Text.RegularExpressions;
using Airgap.Inference.Grammar;

namespace Airgap.Inference.Tests;

public sealed class IntegerRangeRulesMatchExactlyTheirRange
{
    // The range rules use only quoted digits, classes, counts, groups and '|': the same text is a .NET regex once the
    // quotes and spaces go, so each rule can be checked against many integers directly.
    private static Regex AsRegex(string gbnf) => new($"^(?:{gbnf.Replace("\"", "").Replace(" ", "")})$", RegexOptions.CultureInvariant);

    [Theory]
    [InlineData(0, 120)]
    [InlineData(1, 14)]
    [InlineData(-5, 12)]
    [InlineData(-120, -7)]
    [InlineData(7, 7)]
    [InlineData(0, 0)]
    [InlineData(-1, 0)]
    [InlineData(10, 99)]
    [InlineData(99, 1001)]
    [InlineData(123, 4567)]
    [InlineData(-9999, 10000)]
    [InlineData(18, 65)]
    public void Every_integer_near_the_range_matches_exactly_when_it_is_inside(long min, long max)
    {
        var rule = AsRegex(IntegerRange.Expression(min, max));

        for (var value = min - 150; value <= max + 150; value++)
            Assert.True(rule.IsMatch(value.ToString(CultureInfo.InvariantCulture)) == (value >= min && value <= max), $"{value} in [{min}, {max}]");
    }

    [Fact]
    public void Random_ranges_accept_their_members_and_refuse_their_neighbours()
    {
        var random = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            var a = random.NextInt64(-2_000_000_000, 2_000_000_000) / (long)Math.Pow(10, random.Next(0, 9));
            var b = a + random.NextInt64(0, 1_000_000_000) / (long)Math.Pow(10, random.Next(0, 9));
            var rule = AsRegex(IntegerRange.Expression(a, b));
            foreach (var inside in new[] { a, b, a + (b - a) / 2, a + (b - a) / 3 })
                Assert.True(rule.IsMatch(inside.ToString(CultureInfo.InvariantCulture)), $"{inside} in [{a}, {b}]");
            foreach (var outside in new[] { a - 1, b + 1, a - 10, b + 10, b * 10 + 1, -Math.Abs(b) - 1 })
                if (outside < a || outside > b)
                    Assert.False(rule.IsMatch(outside.ToString(CultureInfo.InvariantCulture)), $"{outside} outside [{a}, {b}]");
        }
    }

    [Theory]
    [InlineData("007")]
    [InlineData("-0")]
    [InlineData("+5")]
    [InlineData("5.0")]
    [InlineData("")]
    public void Non_canonical_spellings_never_match(string text)
    {
        Assert.DoesNotMatch(AsRegex(IntegerRange.Expression(-100, 100)), text);
    }

    [Fact]
    public void The_widest_range_is_expressible_and_anything_wider_is_refused()
    {
        var rule = AsRegex(IntegerRange.Expression(-IntegerRange.Widest, IntegerRange.Widest));

        Assert.Matches(rule, IntegerRange.Widest.ToString(CultureInfo.InvariantCulture));
        Assert.DoesNotMatch(rule, "1000000000000000000");
        Assert.Throws<ArgumentOutOfRangeException>(() => IntegerRange.Expression(0, IntegerRange.Widest + 1));
    }
}
