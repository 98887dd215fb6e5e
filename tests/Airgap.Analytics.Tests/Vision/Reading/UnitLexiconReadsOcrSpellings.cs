using Airgap.Analytics.Vision.Reading;

namespace Airgap.Analytics.Tests.Vision.Reading;

public class UnitLexiconReadsOcrSpellings
{
    [Theory]
    [InlineData("℃", "°C")]
    [InlineData("°℃", "°C")]
    [InlineData("\"C", "°C")]
    [InlineData("m/h", "m³/h")]
    [InlineData("m'h", "m³/h")]
    [InlineData("m3/h", "m³/h")]
    [InlineData("uS/cm", "µS/cm")]
    [InlineData("μS/cm", "µS/cm")]
    [InlineData("bar.", "bar")]
    [InlineData("(kPa)", "kPa")]
    [InlineData("%rh", "%RH")]
    [InlineData("%o", "%")]
    [InlineData("%0", "%")]
    [InlineData("U/min", "U/min")]
    [InlineData("''C", "°C")]
    [InlineData("`F", "°F")]
    [InlineData("*C", "°C")]
    [InlineData("t", "t")]
    [InlineData("v", "V")]
    public void A_misread_or_bracketed_unit_comes_back_in_its_canonical_spelling(string read, string unit) =>
        Assert.Equal(unit, UnitLexicon.Normalize(read));

    [Theory]
    [InlineData("Pump")]
    [InlineData("Alarm")]
    [InlineData("")]
    [InlineData("FT-101")]
    [InlineData("T")]
    [InlineData("M")]
    [InlineData("a")]
    public void Words_that_are_not_units_are_not(string word) => Assert.Null(UnitLexicon.Normalize(word));

    [Theory]
    [InlineData("mms", "mm/s")]
    [InlineData("ARH", "%RH")]
    [InlineData("uS/crn", "µS/cm")]
    [InlineData("kPa", "kPa")]
    [InlineData("U/mln", "U/min")]
    [InlineData("jS/om", "µS/cm")]
    public void A_word_a_character_or_two_from_one_unit_is_that_unit(string read, string unit) => Assert.Equal(unit, UnitLexicon.Nearest(read));

    [Theory]
    [InlineData("max")]
    [InlineData("Pump")]
    [InlineData("ba")]
    [InlineData("Tank")]
    [InlineData("CO2")]
    [InlineData("Volt")]
    [InlineData("Dev")]
    [InlineData("Gas")]
    public void A_word_near_no_unit_or_as_near_two_is_none(string read) => Assert.Null(UnitLexicon.Nearest(read));
}
