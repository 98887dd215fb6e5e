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

    [Theory]
    [InlineData("""{"minimum": 10, "maximum": 3}""", "format.minimum")]
    [InlineData("""{"minimum": "zero"}""", "format.minimum")]
    [InlineData("""{"exclusiveMaximum": 1e300}""", "format.exclusiveMaximum")]
    [InlineData("""{"exclusiveMinimum": 4, "exclusiveMaximum": 5}""", "format.minimum")]
    public void Bounds_no_value_can_meet_are_refused_naming_the_keyword(string schema, string field)
    {
        Assert.Equal(field, Assert.Throws<InvalidRequestException>(() => Bounds(schema)).Field);
    }
}
