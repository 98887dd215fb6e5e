using System.Collections.Concurrent;
using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Packs;
using Airgap.Models.Storage;

namespace Airgap.Analytics.Anomaly;

/// <summary>
/// Detectors kept in the model registry like any other model (format `anomaly`): each training is a new version,
/// validated, digested, activated, with rollback and the audit trail — no second registry. Trained on site, a
/// detector is imported unsigned; the audit trail says it was trained here.
/// </summary>
public sealed class DetectorRegistry(AirgapHome home, ModelRegistry registry, ModelImporter importer, TimeProvider? clock = null)
{
    /// <summary>Most features one detector may read (a wider one costs cubic time to fit).</summary>
    public const int MaxFeatures = 256;

    private readonly ConcurrentDictionary<string, DetectorFile> _loaded = new(StringComparer.Ordinal);
    // One registration at a time: two trainings of one detector must not both take the same next version.
    private readonly SemaphoreSlim _registering = new(1, 1);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Fits a detector on <paramref name="rows"/> (in time order) and registers it as the next version of <paramref name="name"/>, active.</summary>
    public Task<(ModelVersion Version, DetectorFile Detector)> TrainAsync(string name, IReadOnlyList<string> features, IReadOnlyList<double[]> rows,
        string? algorithm, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken) =>
        RegisterAsync(name, Fit(features, rows, algorithm, parameters), activate: true, cancellationToken);

    /// <summary>A detector fitted on <paramref name="rows"/>, not yet registered.</summary>
    public DetectorFile Fit(IReadOnlyList<string> features, IReadOnlyList<double[]> rows, string? algorithm, IReadOnlyDictionary<string, string> parameters)
    {
        algorithm ??= AnomalyAlgorithms.Default;
        if (features.Count is 0 or > MaxFeatures) throw new ArgumentException($"a detector reads 1 to {MaxFeatures} features, not {features.Count}");
        if (rows.Count < 10) throw new ArgumentException($"training needs at least 10 rows, got {rows.Count}");
        var model = AnomalyAlgorithms.Fit(algorithm, rows, parameters);
        return new DetectorFile(algorithm, features, AnomalyAlgorithms.Effective(algorithm, parameters), model, rows.Count, _clock.GetUtcNow());
    }

    /// <summary>Registers a fitted detector as the next version of <paramref name="name"/>, active or kept inactive beside the active one.</summary>
    public async Task<(ModelVersion Version, DetectorFile Detector)> RegisterAsync(string name, DetectorFile detector, bool activate,
        CancellationToken cancellationToken)
    {
        var modelName = ModelName.Parse(name);
        CheckNameIsFree(modelName.ToString());
        // Not the home's tmp/: the importer sweeps that as leftovers of interrupted imports.
        var staging = Path.Combine(home.AnalyticsDirectory, "training");
        Directory.CreateDirectory(staging);
        var file = Path.Combine(staging, $"{Guid.NewGuid():N}{DetectorFile.Extension}");
        await _registering.WaitAsync(cancellationToken);
        try
        {
            detector.Save(file);
            var result = await importer.ImportFileAsync(ImportSource.FromFile(file, modelName, NextVersion(modelName)),
                new ImportOptions(Activate: activate, AllowUnsigned: true), null, cancellationToken);
            return (result.Version, detector);
        }
        finally
        {
            _registering.Release();
            File.Delete(file);
        }
    }

    /// <summary>The detector NAME[@VERSION] names (the active version by default).</summary>
    public (ModelVersion Version, DetectorFile Detector) Load(string reference)
    {
        var version = registry.Resolve(reference);
        if (version.Format != ModelFormat.Anomaly)
            throw new Airgap.Inference.Errors.InvalidRequestException("name", $"{version.Reference} is a {version.Format} model, not an anomaly detector");
        try
        {
            return (version, _loaded.GetOrAdd(version.Digest, digest => DetectorFile.Load(home.BlobPath(digest))));
        }
        catch (InvalidDataException e)
        {
            throw new Airgap.Inference.Errors.InvalidRequestException("name", $"{version.Reference}: {e.Message}");
        }
    }

    /// <summary>Refuses a detector name that a model of another kind (a chat model, an embedding model) already has.</summary>
    public void CheckNameIsFree(string name)
    {
        if (registry.List().FirstOrDefault(v => v.Name == name && v.Format != ModelFormat.Anomaly) is { } taken)
            throw new ArgumentException($"'{name}' is the name of a {taken.Format} model in the registry; a detector needs a name of its own");
    }

    /// <summary>Writes a line to the registry's audit trail about a detector version.</summary>
    public void Record(string action, ModelVersion version, string detail) => registry.RecordEvent(action, version.Name, version.Version, detail);

    /// <summary>Every registered detector version.</summary>
    public IReadOnlyList<ModelVersion> List() => registry.List().Where(v => v.Format == ModelFormat.Anomaly).ToList();

    private SemanticVersion NextVersion(ModelName name)
    {
        // The highest ever imported, not the highest listed: a removed version's number is never reused.
        var highest = registry.HighestVersion(name) is { } text ? SemanticVersion.Parse(text) : null;
        return highest is null ? new SemanticVersion(1, 0, 0, null) : new SemanticVersion(highest.Major, highest.Minor, highest.Patch + 1, null);
    }
}
