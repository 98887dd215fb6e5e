using Airgap.Inference.Embeddings;
using Airgap.Inference.Engines.Onnx;
using Airgap.Inference.Scheduling;
using Airgap.Models.Catalog;
using Airgap.Models.Packs;
using Airgap.Models.Storage;

namespace Airgap.Inference.Tensors;

/// <summary>
/// Every ONNX model the KServe v2 API serves: the registry's ONNX models (active version by name, or NAME@VERSION)
/// and the built-in all-minilm. Each graph is opened on first use and kept until disposal.
/// </summary>
public sealed class OnnxModelCatalog(ModelRegistry registry, AirgapHome home, InferenceOptions options) : IDisposable
{
    private readonly Dictionary<string, Lazy<OnnxGraph>> _open = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The graph <paramref name="model"/> names and its reference and version; a model that is not ONNX is a ModelNotFoundException.</summary>
    public (OnnxGraph Graph, string Reference, string Version) Find(string model)
    {
        ModelVersion? version = null;
        try
        {
            version = registry.Resolve(model);
        }
        catch (ModelNotFoundException) when (BuiltInEmbeddingModel.Matches(model))
        {
        }
        if (version is null)
            return (Open("built-in:all-minilm", () => OnnxGraph.Open(BuiltInEmbeddingModel.Name, o => new Microsoft.ML.OnnxRuntime.InferenceSession(MiniLmPackage.ReadModel(), o), options.Threads)),
                BuiltInEmbeddingModel.Name, MiniLmPackage.Version);
        if (version.Format != ModelFormat.Onnx)
            throw new ModelNotFoundException(model, registry.List().Where(v => v.Format == ModelFormat.Onnx && v.IsActive).Select(v => v.Reference).Append(BuiltInEmbeddingModel.Name).ToList());
        return (Open(version.Digest, () => OnnxGraph.Open(version.Reference, o => new Microsoft.ML.OnnxRuntime.InferenceSession(home.BlobPath(version.Digest), o), options.Threads)),
            version.Reference, version.Version);
    }

    /// <summary>The blob of a file the model's pack listed beside the graph (a sidecar such as vision.json); null when none.</summary>
    public string? CompanionFile(string model, string packPath)
    {
        ModelVersion version;
        try
        {
            version = registry.Resolve(model);
        }
        catch (ModelNotFoundException)
        {
            return null;
        }
        return version.Files.FirstOrDefault(f => f.Path.Equals(packPath, StringComparison.OrdinalIgnoreCase)) is { } file ? home.BlobPath(file.Sha256) : null;
    }

    private OnnxGraph Open(string key, Func<OnnxGraph> open)
    {
        Lazy<OnnxGraph> graph;
        lock (_gate)
        {
            if (!_open.TryGetValue(key, out graph!)) _open[key] = graph = new Lazy<OnnxGraph>(open, LazyThreadSafetyMode.ExecutionAndPublication);
        }
        return graph.Value;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var graph in _open.Values.Where(g => g.IsValueCreated)) graph.Value.Dispose();
            _open.Clear();
        }
    }
}
