using static Airgap.Analytics.Tests.Vision.Reading.ScoringFixtures;

namespace Airgap.Analytics.Tests.Vision.Reading;

public sealed class DisplayScoringMatchesNames
{
    [Fact]
    public void An_exact_name_counts_whatever_its_case_and_trailing_colon()
    {
        Assert.True(ValueCounts("""{"name": "Steam Pressure", "value": 9.84, "unit": "bar", "shown": "9.84"}""",
                                """{"name": "STEAM PRESSURE:", "value": 9.84, "unit": "bar"}"""));
    }

    [Fact]
    public void A_misread_name_with_the_same_digits_counts()
    {
        Assert.True(ValueCounts("""{"name": "Zone 1 Temp", "value": 182.5, "unit": "°C", "shown": "182.5"}""",
                                """{"name": "Zone 1 Tenp", "value": 182.5, "unit": "°C"}"""));
    }

    [Fact]
    public void Zone_2_is_not_zone_1_however_similar_the_text()
    {
        Assert.False(ValueCounts("""{"name": "Zone 1 Temp", "value": 182.5, "unit": "°C", "shown": "182.5"}""",
                                 """{"name": "Zone 2 Temp", "value": 182.5, "unit": "°C"}"""));
    }

    [Fact]
    public void A_name_too_far_from_the_truth_does_not_count()
    {
        Assert.False(ValueCounts("""{"name": "Flow", "value": 12.3, "unit": "m3/h", "shown": "12.3"}""",
                                 """{"name": "Flow rate", "value": 12.3, "unit": "m3/h"}"""));
    }

    [Fact]
    public void An_alias_shown_for_the_reading_counts_as_its_name()
    {
        Assert.True(ValueCounts("""{"name": "Condensing Pressure", "value": 14.9, "unit": "bar", "shown": "14.9", "aliases": ["PT-302"]}""",
                                """{"name": "PT‑302", "value": 14.9, "unit": "bar"}"""));
    }

    [Fact]
    public void A_reading_with_no_label_on_the_display_takes_any_name()
    {
        Assert.True(ValueCounts("""{"name": "", "value": 81.99, "unit": "kW", "shown": "81.99"}""",
                                """{"name": "PV", "value": 81.99, "unit": "kW"}"""));
        Assert.True(ValueCounts("""{"name": "", "value": 81.99, "unit": "kW", "shown": "81.99"}""",
                                """{"value": 81.99, "unit": "kW"}"""));
    }

    [Fact]
    public void A_prediction_without_a_name_does_not_match_a_labelled_reading()
    {
        Assert.False(ValueCounts("""{"name": "Load", "value": 4.2, "unit": "A", "shown": "4.2"}""",
                                 """{"name": "", "value": 4.2, "unit": "A"}"""));
    }
}
