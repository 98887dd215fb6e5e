using Airgap.Analytics.Vision.Reading;
using static Airgap.Analytics.Tests.Vision.Reading.ScoringFixtures;

namespace Airgap.Analytics.Tests.Vision.Reading;

public sealed class DisplayScoringMatchesValuesAndUnits
{
    [Theory]
    [InlineData(455.0, true)]   // exact
    [InlineData(457.2, true)]   // 0.48 % off
    [InlineData(457.5, false)]  // 0.55 % off, and 458 at the shown 0 decimals
    [InlineData(452.8, true)]
    [InlineData(452.6, false)]
    public void A_value_counts_within_half_a_percent_of_the_truth(double predicted, bool counts)
    {
        Assert.Equal(counts, ValueCounts("""{"name": "Conductivity", "value": 455, "unit": "µS/cm", "shown": "455"}""",
                                         $$"""{"name": "Conductivity", "value": {{predicted}}, "unit": "µS/cm"}"""));
    }

    [Theory]
    [InlineData("0.04", true)]
    [InlineData("-0.04", true)]
    [InlineData("0.05", false)] // 0.05 is a hair above 0.05 in binary: rounds to 0.1, as Python's round does
    [InlineData("0.1", false)]
    public void A_value_counts_when_it_rounds_to_the_shown_decimals(string predicted, bool counts)
    {
        Assert.Equal(counts, ValueCounts("""{"name": "SV", "value": 0.0, "unit": "°C", "shown": "0.0"}""",
                                         $$"""{"name": "SV", "value": {{predicted}}, "unit": "°C"}"""));
    }

    [Fact]
    public void Without_shown_digits_the_decimals_come_from_the_value_as_python_prints_it()
    {
        // 3.0 prints as "3.0": no decimals, so 2.6 rounds to 3; 2.5 rounds to even, 2.
        Assert.True(ValueCounts("""{"name": "Alarms", "value": 3.0, "unit": ""}""", """{"name": "Alarms", "value": 2.6, "unit": ""}"""));
        Assert.False(ValueCounts("""{"name": "Alarms", "value": 3.0, "unit": ""}""", """{"name": "Alarms", "value": 2.5, "unit": ""}"""));
        Assert.Equal(1, DisplayMatchRules.Decimals(null, 0.5, valueIsInteger: false));
        Assert.Equal(5, DisplayMatchRules.Decimals(null, 1.5e-05, valueIsInteger: false)); // repr "1.5e-05"
    }

    [Theory]
    [InlineData("\"14,9\"")]
    [InlineData("\" 14.9 \"")]
    [InlineData("\"１４.９\"")]
    public void A_value_written_as_text_is_read_as_a_number(string written)
    {
        Assert.True(ValueCounts("""{"name": "P", "value": 14.9, "unit": "bar", "shown": "14.9"}""", $$"""{"name": "P", "value": {{written}}, "unit": "bar"}"""));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("\"14.9 bar\"")]
    [InlineData("\"1e1\"")]
    public void A_value_that_is_no_plain_number_never_counts(string written)
    {
        Assert.False(ValueCounts("""{"name": "P", "value": 14.9, "unit": "bar", "shown": "14.9"}""", $$"""{"name": "P", "value": {{written}}, "unit": "bar"}"""));
    }

    [Theory]
    [InlineData("°C", "degC")]
    [InlineData("°C", "C")]
    [InlineData("°C", "℃")]
    [InlineData("°C", "ºC")]
    [InlineData("m³/h", "m3/h")]
    [InlineData("m³/h", "m^3/h")]
    [InlineData("µS/cm", "uS/cm")]
    [InlineData("µS/cm", "μS/cm")]
    [InlineData("pH", "")]
    [InlineData("%RH", "% rH")]
    [InlineData("rpm", "1/min")]
    public void Spellings_of_one_unit_match(string truth, string predicted)
    {
        Assert.True(DisplayMatchRules.UnitMatches(predicted, truth));
        Assert.True(ValueCounts($$"""{"name": "X", "value": 7.5, "unit": "{{truth}}", "shown": "7.5"}""", $$"""{"name": "X", "value": 7.5, "unit": "{{predicted}}"}"""));
    }

    [Theory]
    [InlineData("°C", "°F")]
    [InlineData("bar", "mbar")]
    [InlineData("m3/h", "m3")]
    [InlineData("%", "")]
    public void Different_units_do_not_match(string truth, string predicted)
    {
        Assert.False(ValueCounts($$"""{"name": "X", "value": 7.5, "unit": "{{truth}}", "shown": "7.5"}""", $$"""{"name": "X", "value": 7.5, "unit": "{{predicted}}"}"""));
    }
}
