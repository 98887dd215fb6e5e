using Airgap.Analytics.Vision.Reading;

namespace Airgap.Analytics.Tests.Vision.Reading;

public class UnitLexiconReadsOcrSpellings
{
    [Theory]
    [InlineData("℃", "°C")]
    [InlineData("°℃", "°C")]
    [InlineData("\"C", "°C")]
    [InlineData("m/h", "m³/h")]
    [InlineData("m3/h", "m³/h")]
    [InlineData("uS/cm", "µS/cm")]
    [InlineData("μS/cm", "µS/cm")]
    [InlineData("bar.", "bar")]
    [InlineData("(kPa)", "kPa")]
    [InlineData("%rh", "%RH")]
    [InlineData("%o", "%")]
    [InlineData("U/min", "U/min")]
    public void A_misread_or_bracketed_unit_comes_back_in_its_canonical_spelling(string read, string unit) =>
        Assert.Equal(unit, UnitLexicon.Normalize(read));

    [Theory]
    [InlineData("Pump")]
    [InlineData("Alarm")]
    [InlineData("")]
    [InlineData("FT-101")]
    public void Words_that_are_not_units_are_not(string word) => Assert.Null(UnitLexicon.Normalize(word));
}
