using Airgap.Analytics.Vision.Reading;

namespace Airgap.Analytics.Tests.Vision.Reading;

/// <summary>What the recogniser writes for a small unit read beside a number, turned into the unit.</summary>
public class UnitProbeReadsSmallUnits
{
    [Theory]
    [InlineData("F", "°F")]
    [InlineData("C", "°C")]
    [InlineData("%o", "%")]
    [InlineData("96", "%")]
    [InlineData("V", "V")]
    [InlineData("[bar]", "bar")]
    [InlineData("kPa PT-101", "kPa")]
    [InlineData("ps", "psi")]
    [InlineData("mms", "mm/s")]
    [InlineData("mh", "m³/h")]
    [InlineData("RH", "%RH")]
    public void A_small_unit_with_its_sign_misread_or_lost_is_still_that_unit(string read, string unit) =>
        Assert.Equal(unit, UnitProbe.Unit(read));

    [Theory]
    [InlineData("1")]
    [InlineData("Y")]
    [InlineData("mro")]
    [InlineData("")]
    [InlineData(null)]
    public void A_read_that_spells_no_unit_gives_none(string? read) => Assert.Null(UnitProbe.Unit(read));
}
