using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Airgap.Inference.Errors;
using Airgap.Inference.Grammar;

namespace Airgap.Inference.Tests;

public sealed class NumberBoundRulesStayInsideTheirBounds
{
    private static Regex AsRegex(string gbnf) =>
        new($"^(?:{gbnf.Replace("\".\"", "\\.").Replace("\"", "").Replace(" ", "")})$", RegexOptions.CultureInvariant);

    private static NumericBounds Bounds(string schema) => NumericBounds.Read(JsonDocument.Parse(schema).RootElement, "format");

    [Theory]
    [InlineData("""{"minimum": 0, "maximum": 1}""", 0, 1)]
    [InlineData("""{"minimum": -2.5, "maximum": 7}""", -2.5, 7)]
    [InlineData("""{"exclusiveMinimum": 0, "exclusiveMaximum": 100}""", 0.000001, 99.999999)]
    [InlineData("""{"minimum": -40, "maximum": -3}""", -40, -3)]
    [InlineData("""{"minimum": 5, "exclusiveMinimum": true, "maximum": 9}""", 5.000001, 9)]
    [InlineData("""{"exclusiveMinimum": 4, "exclusiveMaximum": 5}""", 4.000001, 4.999999)]
    [InlineData("""{"minimum": -3, "exclusiveMaximum": 0}""", -3, -0.000001)]
    [InlineData("""{"exclusiveMinimum": -3, "maximum": 0}""", -2.999999, 0)]
    public void Every_number_the_rule_writes_lies_within_the_bounds(string schema, double low, double high)
    {
        var rule = AsRegex(Bounds(schema).Numbers("format"));

        var matched = 0;
        for (var tenths = -600; tenths <= 1200; tenths++)
            foreach (var text in new[] { (tenths / 10.0).ToString("0.0", CultureInfo.InvariantCulture), (tenths / 10).ToString(CultureInfo.InvariantCulture) })
            {
                if (!rule.IsMatch(text)) continue;
                matched++;
                var value = double.Parse(text, CultureInfo.InvariantCulture);
                Assert.InRange(value, low, high);
            }
        Assert.True(matched > 0);
    }

    [Fact]
    public void Whole_bounds_themselves_are_written_and_fractions_between_them_too()
    {
        var rule = AsRegex(Bounds("""{"minimum": 0, "maximum": 1}""").Numbers("format"));

        Assert.Matches(rule, "0");
        Assert.Matches(rule, "1");
        Assert.Matches(rule, "0.75");
        Assert.DoesNotMatch(rule, "1.5");
        Assert.DoesNotMatch(rule, "-0.1");
        Assert.DoesNotMatch(rule, "1e5");
    }

    [Fact]
    public void An_exclusive_whole_bound_keeps_the_fractions_beside_it()
    {
        var positive = AsRegex(Bounds("""{"exclusiveMinimum": 0}""").Numbers("format"));

        Assert.Matches(positive, "0.5");
        Assert.Matches(positive, "0.01");
        Assert.Matches(positive, "3");
        Assert.DoesNotMatch(positive, "0");
        Assert.DoesNotMatch(positive, "0.0");
        Assert.DoesNotMatch(positive, "-0.5");
    }

    [Theory]
    [InlineData("""{"minimum": "zero"}""", "format.minimum")]
    [InlineData("""{"exclusiveMaximum": 1e300}""", "format.exclusiveMaximum")]
    [InlineData("""{"maximum": null}""", "format.maximum")]
    public void Bounds_that_are_not_numbers_are_refused_naming_the_keyword(string schema, string field)
    {
        Assert.Equal(field, Assert.Throws<InvalidRequestException>(() => Bounds(schema)).Field);
    }

    [Theory]
    [InlineData("""{"minimum": 10, "maximum": 3}""", true, true)]
    [InlineData("""{"exclusiveMinimum": 4, "exclusiveMaximum": 5}""", true, false)]
    [InlineData("""{"minimum": 0.2, "maximum": 0.8}""", true, true)]
    [InlineData("""{"exclusiveMinimum": 0, "exclusiveMaximum": 0}""", true, true)]
    [InlineData("""{"minimum": 1e16}""", false, true)]
    public void Bounds_no_value_can_meet_are_refused_naming_minimum(string schema, bool integers, bool numbers)
    {
        var bounds = Bounds(schema);

        if (integers) Assert.Equal("format.minimum", Assert.Throws<InvalidRequestException>(() => bounds.Integers(999_999_999, "format")).Field);
        if (numbers) Assert.Equal("format.minimum", Assert.Throws<InvalidRequestException>(() => bounds.Numbers("format")).Field);
        else Assert.NotEmpty(bounds.Numbers("format"));
    }
}
