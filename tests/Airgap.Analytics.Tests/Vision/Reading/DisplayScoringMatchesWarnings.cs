using static Airgap.Analytics.Tests.Vision.Reading.ScoringFixtures;

namespace Airgap.Analytics.Tests.Vision.Reading;

public sealed class DisplayScoringMatchesWarnings
{
    [Fact]
    public void A_warning_counts_when_its_text_is_inside_the_prediction()
    {
        Assert.True(WarningCounts("Compressor trip", "12:04 ⚠ COMPRESSOR TRIP — TT-301"));
    }

    [Fact]
    public void A_misread_warning_counts_when_it_is_close_enough()
    {
        Assert.True(WarningCounts("High discharge temperature", "High discharge temprature"));
        Assert.True(WarningCounts("• Low oil level", "LOW OIL LEVEL!!"));
    }

    [Fact]
    public void A_warning_does_not_count_for_a_part_of_it_or_another_text()
    {
        Assert.False(WarningCounts("Burner flame failure", "Burner"));
        Assert.False(WarningCounts("Door open", "Pump 3 running"));
        Assert.False(WarningCounts("Door open", ""));
    }

    [Fact]
    public void Precision_counts_every_predicted_warning_that_matches_some_truth()
    {
        var score = Airgap.Analytics.Vision.Reading.DisplayScoring.ScoreImage(
            Truth("""{"values": [], "warnings": ["Pressure switch open"]}"""),
            Prediction("""{"values": [], "warnings": ["Pressure switch open", "PRESSURE SWITCH OPEN", "Door open"]}"""));

        Assert.Equal((1, 3, 2), (score.FoundWarnings, score.PredictedWarnings, score.TrueWarnings));
        Assert.Equal(["Door open"], score.FalseWarnings);
    }
}
