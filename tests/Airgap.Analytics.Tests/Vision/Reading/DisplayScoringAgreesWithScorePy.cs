using System.Text.Json;
using System.Text.Json.Nodes;
using Airgap.Analytics.Vision.Reading;

namespace Airgap.Analytics.Tests.Vision.Reading;

/// <summary>
/// The port against the scorer a user trusts: ScoringCases/*.json hold cases and what the display set's score.py
/// (and Python's difflib, round, repr) said about them; make_expected.py there writes them again.
/// </summary>
public sealed class DisplayScoringAgreesWithScorePy : IDisposable
{
    private static readonly string Cases = Path.Combine(AppContext.BaseDirectory, "Vision", "Reading", "ScoringCases");
    private readonly string _folder = Directory.CreateTempSubdirectory("airgap-scoring-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_summary_and_every_image_agree_with_score_py()
    {
        var predictions = WriteSet();
        var expected = Load("expected.json");

        var score = DisplayScoring.Score(DisplayTruthSet.Load(_folder), path => predictions[Path.GetFileName(path)]);

        foreach (var kind in score.Kinds.Append(score.Overall))
        {
            var e = expected["summary"]![kind.Kind]!;
            Assert.Equal(
                (kind.Kind, (int)e["images"]!, (int)e["missing"]!, (int)e["tv"]!, (int)e["pv"]!, (int)e["mv"]!, (int)e["tw"]!, (int)e["pw"]!, (int)e["mw_r"]!, (int)e["mw_p"]!),
                (kind.Kind, kind.Images, kind.Missing, kind.TruthValues, kind.PredictedValues, kind.MatchedValues, kind.TruthWarnings, kind.PredictedWarnings, kind.FoundWarnings, kind.TrueWarnings));
            Assert.Equal(
                ((double)e["precision"]!, (double)e["recall"]!, (double)e["f1"]!, (double)e["warning_recall"]!, (double)e["warning_precision"]!),
                (kind.Precision, kind.Recall, kind.F1, kind.WarningRecall, kind.WarningPrecision));
        }
        Assert.Equal(expected["images"]!.AsArray().Count, score.Images.Count);
        foreach (var (e, image) in expected["images"]!.AsArray().Zip(score.Images))
        {
            Assert.Equal(((string)e!["image"]!, (string)e["kind"]!, (bool)e["missing"]!), (image.Image, image.Kind, image.Missing));
            Assert.Equal(((int)e["truth_values"]!, (int)e["pred_values"]!, (int)e["matched"]!, (int)e["truth_warnings"]!, (int)e["found_warnings"]!, (int)e["pred_warnings"]!),
                (image.TruthValues, image.PredictedValues, image.MatchedValues, image.TruthWarnings, image.FoundWarnings, image.PredictedWarnings));
            Assert.Equal(Strings(e["missed_values"]), image.MissedValues);
            Assert.Equal(Strings(e["wrong_values"]), image.WrongValues);
            Assert.Equal(Strings(e["missed_warnings"]), image.MissedWarnings);
            Assert.Equal(Strings(e["false_warnings"]), image.FalseWarnings);
        }
    }

    [Fact]
    public void Similarity_is_difflib_ratio_to_the_last_bit()
    {
        foreach (var pair in Load("ratios.json").AsArray())
            Assert.Equal((double)pair![2]!, SequenceSimilarity.Ratio((string)pair[0]!, (string)pair[1]!));
    }

    [Fact]
    public void Text_and_unit_normalisation_agree_with_score_py()
    {
        var rules = Load("rules.json");
        foreach (var c in rules["norm_text"]!.AsArray()) Assert.Equal((string)c![1]!, DisplayMatchRules.NormText((string)c[0]!));
        foreach (var c in rules["norm_unit"]!.AsArray()) Assert.Equal((string)c![1]!, DisplayMatchRules.NormUnit((string)c[0]!));
        foreach (var c in rules["to_float"]!.AsArray()) Assert.Equal((double?)c![1], DisplayMatchRules.ToFloat((string)c[0]!));
    }

    [Fact]
    public void Round_and_repr_agree_with_python()
    {
        var rules = Load("rules.json");
        foreach (var c in rules["round"]!.AsArray())
            Assert.Equal(((double)c![0]!, (int)c[1]!, (double)c[2]!), ((double)c[0]!, (int)c[1]!, PythonFloat.Round((double)c[0]!, (int)c[1]!)));
        foreach (var c in rules["repr"]!.AsArray()) Assert.Equal((string)c![1]!, PythonFloat.Repr((double)c[0]!));
    }

    /// <summary>Writes set.json's cases as a truth folder with index.json; returns each image's prediction as score.py would load it.</summary>
    private Dictionary<string, DisplayPrediction?> WriteSet()
    {
        var predictions = new Dictionary<string, DisplayPrediction?>();
        var index = new JsonArray();
        foreach (var node in Load("set.json")["images"]!.AsArray())
        {
            var c = node!.AsObject();
            var image = (string)c["image"]!;
            var truthFile = Path.GetFileNameWithoutExtension(image) + ".json";
            index.Add(new JsonObject { ["image"] = image, ["truth"] = truthFile, ["kind"] = (string)c["kind"]! });
            File.WriteAllText(Path.Combine(_folder, truthFile), c["truth"]!.ToJsonString());
            predictions[image] = c.ContainsKey("prediction_raw") ? DisplayPrediction.Parse((string)c["prediction_raw"]!)
                : c.ContainsKey("prediction_missing") ? null
                : DisplayPrediction.Parse(c["prediction"]!.ToJsonString());
        }
        File.WriteAllText(Path.Combine(_folder, "index.json"), new JsonObject { ["images"] = index }.ToJsonString());
        return predictions;
    }

    private static JsonNode Load(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(Cases, name)))!;

    private static string[] Strings(JsonNode? list) => list!.AsArray().Select(s => (string)s!).ToArray();
}
