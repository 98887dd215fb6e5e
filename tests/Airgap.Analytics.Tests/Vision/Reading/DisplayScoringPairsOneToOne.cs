using Airgap.Analytics.Vision.Reading;
using static Airgap.Analytics.Tests.Vision.Reading.ScoringFixtures;

namespace Airgap.Analytics.Tests.Vision.Reading;

public sealed class DisplayScoringPairsOneToOne
{
    [Fact]
    public void Readings_pair_as_a_maximum_matching_where_taking_the_first_fit_would_lose_one()
    {
        // The unlabelled truth fits both predictions; "Motor Freq" only the first. First-fit would pair
        // the unlabelled truth with "Motor Freq" and leave one truth unmatched.
        var score = DisplayScoring.ScoreImage(
            Truth("""{"values": [{"name": "", "value": 50, "unit": "Hz", "shown": "50"}, {"name": "Motor Freq", "value": 50, "unit": "Hz", "shown": "50"}], "warnings": []}"""),
            Prediction("""{"values": [{"name": "Motor Freq", "value": 50, "unit": "Hz"}, {"name": "Drive", "value": 50.1, "unit": "Hz"}]}"""));

        Assert.Equal(2, score.MatchedValues);
        Assert.Empty(score.MissedValues);
        Assert.Empty(score.WrongValues);
    }

    [Fact]
    public void One_truth_is_matched_once_however_often_it_is_predicted()
    {
        var score = DisplayScoring.ScoreImage(
            Truth("""{"values": [{"name": "Level", "value": 73.5, "unit": "%", "shown": "73.5"}], "warnings": []}"""),
            Prediction("""{"values": [{"name": "Level", "value": 73.5, "unit": "%"}, {"name": "LEVEL", "value": 73.5, "unit": "%"}]}"""));

        Assert.Equal((1, 2), (score.MatchedValues, score.PredictedValues));
        Assert.Equal(["LEVEL=73.5 %"], score.WrongValues);
    }

    [Fact]
    public void Maximum_matching_finds_the_augmenting_path()
    {
        // truth 0 fits 0 and 1, truth 1 fits 0 only, truth 2 fits 1 and 2.
        bool[,] fits = { { true, true, false }, { true, false, false }, { false, true, true } };

        var (matched, owner) = DisplayScoring.MaxMatching(3, 3, (i, j) => fits[i, j]);

        Assert.Equal(3, matched);
        Assert.Equal([1, 0, 2], owner);
    }

    [Fact]
    public void Kinds_and_overall_are_micro_averaged_over_their_images()
    {
        var set = new DisplayTruthSet("/nowhere", [
            Truth("""{"values": [{"name": "A", "value": 1, "unit": "", "shown": "1"}, {"name": "B", "value": 2, "unit": "", "shown": "2"}], "warnings": ["Trip"]}""", "hmi", "h1.png"),
            Truth("""{"values": [{"name": "C", "value": 3, "unit": "", "shown": "3"}], "warnings": []}""", "hmi", "h2.png"),
            Truth("""{"values": [{"name": "", "value": 4, "unit": "V", "shown": "4"}], "warnings": []}""", "segment", "s1.png"),
            Truth("""{"values": [{"name": "", "value": 5, "unit": "V", "shown": "5"}], "warnings": []}""", "segment", "s2.png"),
        ]);
        var predictions = new Dictionary<string, DisplayPrediction?>
        {
            ["h1.png"] = Prediction("""{"values": [{"name": "A", "value": 1, "unit": ""}, {"name": "B", "value": 9, "unit": ""}], "warnings": ["Trip", "Other"]}"""),
            ["h2.png"] = Prediction("""{"values": [{"name": "C", "value": 3, "unit": ""}]}"""),
            ["s1.png"] = Prediction("""{"values": [{"name": "x", "value": 4, "unit": "V"}, {"name": "y", "value": 40, "unit": "V"}, {"name": "z", "value": 0.4, "unit": "V"}]}"""),
            ["s2.png"] = null,
        };

        var score = DisplayScoring.Score(set, path => predictions[Path.GetFileName(path)]);

        var hmi = Assert.Single(score.Kinds, k => k.Kind == "hmi");
        Assert.Equal((2, 3, 3, 2), (hmi.Images, hmi.TruthValues, hmi.PredictedValues, hmi.MatchedValues));
        Assert.Equal((0.6667, 0.6667, 0.6667), (hmi.Precision, hmi.Recall, hmi.F1));
        Assert.Equal((1.0, 0.5), (hmi.WarningRecall, hmi.WarningPrecision));
        var segment = Assert.Single(score.Kinds, k => k.Kind == "segment");
        Assert.Equal((2, 1, 2, 3, 1), (segment.Images, segment.Missing, segment.TruthValues, segment.PredictedValues, segment.MatchedValues));
        Assert.Equal((0.3333, 0.5, 0.4), (segment.Precision, segment.Recall, segment.F1));
        Assert.Equal((0.0, 0.0), (segment.WarningRecall, segment.WarningPrecision));
        Assert.Equal((4, 1, 5, 6, 3), (score.Overall.Images, score.Overall.Missing, score.Overall.TruthValues, score.Overall.PredictedValues, score.Overall.MatchedValues));
        Assert.Equal((0.5, 0.6, 0.5455), (score.Overall.Precision, score.Overall.Recall, score.Overall.F1));
        Assert.Equal(["hmi", "segment"], score.Kinds.Select(k => k.Kind));
    }
}
