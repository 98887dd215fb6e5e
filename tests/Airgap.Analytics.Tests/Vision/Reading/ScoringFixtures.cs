using System.Text.Json;
using Airgap.Analytics.Vision.Reading;

namespace Airgap.Analytics.Tests.Vision.Reading;

/// <summary>Truths and predictions written the way the set's files are: JSON.</summary>
internal static class ScoringFixtures
{
    public static DisplayTruthImage Truth(string json, string kind = "hmi", string image = "panel.png")
    {
        using var document = JsonDocument.Parse(json);
        return DisplayTruthSet.Parse(document.RootElement, image, kind, "test truth");
    }

    public static DisplayPrediction Prediction(string json) => DisplayPrediction.Parse(json) ?? throw new ArgumentException("not JSON", nameof(json));

    /// <summary>Scores one predicted reading against one true reading.</summary>
    public static bool ValueCounts(string truthValue, string predictedValue) =>
        DisplayScoring.ScoreImage(Truth($$"""{"values": [{{truthValue}}], "warnings": []}"""),
            Prediction($$"""{"values": [{{predictedValue}}]}""")).MatchedValues == 1;

    /// <summary>Scores one predicted warning against one true warning.</summary>
    public static bool WarningCounts(string truth, string predicted) =>
        DisplayScoring.ScoreImage(Truth(JsonSerializer.Serialize(new { values = Array.Empty<object>(), warnings = new[] { truth } })),
            new DisplayPrediction([], [predicted])).FoundWarnings == 1;
}
