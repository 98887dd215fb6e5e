using System.Text.Json;
using System.Text.Json.Nodes;
using Airgap.Models.Validation;

namespace Airgap.Analytics.Anomaly;

/// <summary>
/// A trained detector as the registry stores it: one JSON object (`.anomaly`) with its kind, algorithm, features,
/// parameters, stream windows, what it was trained on, and the algorithm's fitted state.
/// </summary>
public sealed record DetectorFile(
    string Algorithm,
    IReadOnlyList<string> Features,
    IReadOnlyDictionary<string, string> Parameters,
    AnomalyModel Model,
    int TrainingRows,
    DateTimeOffset Trained)
{
    public const int FormatVersion = 1;
    public const string Extension = ".anomaly";

    /// <summary>Each feature's share of <paramref name="score"/>, by feature name, to six places.</summary>
    public IReadOnlyDictionary<string, double> ContributionsByFeature(AnomalyScore score) =>
        Features.Select((f, k) => (f, score.Contributions[k])).ToDictionary(x => x.f, x => Math.Round(x.Item2, 6));

    public void Save(string path)
    {
        var state = Model.Detector switch
        {
            PcaT2Q p => p.ToState(),
            IsolationForest f => ForestState(f),
            _ => throw new NotSupportedException($"{Model.Detector.Algorithm} cannot be stored yet"),
        };
        var root = new JsonObject
        {
            ["kind"] = HeaderValidator.AnomalyKind,
            ["format_version"] = FormatVersion,
            ["algorithm"] = Algorithm,
            ["features"] = new JsonArray(Features.Select(f => (JsonNode)JsonValue.Create(f)!).ToArray()),
            ["parameters"] = new JsonObject(Parameters.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
            ["input_window"] = Model.InputWindow,
            ["decision_window"] = Model.DecisionWindow,
            ["training_rows"] = TrainingRows,
            ["trained"] = Trained.ToString("O"),
            ["state"] = state,
        };
        var temp = path + ".tmp";
        File.WriteAllText(temp, root.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads a detector file; InvalidDataException naming the problem when it is not a usable one.</summary>
    public static DetectorFile Load(string path)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException("a detector file is a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"detector file is not JSON: {e.Message}");
        }
        try
        {
            return Read(root);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"detector file holds a value of the wrong type: {e.Message}");
        }
    }

    private static DetectorFile Read(JsonObject root)
    {
        if (root["kind"]?.GetValue<string>() != HeaderValidator.AnomalyKind) throw new InvalidDataException("not an anomaly detector file");
        if (root["format_version"]?.GetValue<int>() != FormatVersion) throw new InvalidDataException($"detector file version is not {FormatVersion}");
        var algorithm = root["algorithm"]?.GetValue<string>() ?? throw new InvalidDataException("detector file names no algorithm");
        var features = (root["features"] as JsonArray)?.Select(f => f?.GetValue<string>() ?? "").ToArray() ?? [];
        if (features.Length == 0 || features.Any(f => f.Length == 0)) throw new InvalidDataException("detector file names no features");
        var parameters = (root["parameters"] as JsonObject)?.ToDictionary(kv => kv.Key, kv => kv.Value?.GetValue<string>() ?? "") ?? [];
        var state = root["state"] as JsonObject ?? throw new InvalidDataException("detector file holds no state");
        IAnomalyDetector detector = algorithm switch
        {
            "pca-t2q" => PcaT2Q.FromState(state, features.Length),
            "isolation-forest" => ForestFromState(state, features.Length),
            _ => throw new InvalidDataException($"detector algorithm '{algorithm}' is not known to this version"),
        };
        var model = new AnomalyModel(detector, Window(root, "input_window"), Window(root, "decision_window"));
        return new DetectorFile(algorithm, features, parameters, model, root["training_rows"]?.GetValue<int>() ?? 0,
            DateTimeOffset.TryParse(root["trained"]?.GetValue<string>(), out var t) ? t : default);
    }

    // The forest's own checked binary file (magic, version, SHA-256), carried as base64.
    private static JsonObject ForestState(IsolationForest forest)
    {
        using var bytes = new MemoryStream();
        forest.Save(bytes);
        return new JsonObject { ["forest"] = Convert.ToBase64String(bytes.ToArray()) };
    }

    private static IsolationForest ForestFromState(JsonObject state, int features)
    {
        var text = state["forest"]?.GetValue<string>() ?? throw new InvalidDataException("isolation-forest state: no forest");
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new InvalidDataException("isolation-forest state: the forest is not base64");
        }
        using var stream = new MemoryStream(bytes);
        var forest = IsolationForest.Load(stream);
        return forest.FeatureCount == features ? forest
            : throw new InvalidDataException($"isolation-forest state: the forest reads {forest.FeatureCount} features, the file names {features}");
    }

    private static int Window(JsonObject root, string name) =>
        root[name]?.GetValue<int>() is >= 1 and <= 100_000 and var n ? n : throw new InvalidDataException($"detector file: {name} must be 1 to 100000");
}
