using Airgap.Inference.Engines.Onnx;
using Airgap.Inference.Scheduling;
using Airgap.Models.Catalog;
using Airgap.Models.Packs;
using Airgap.Models.Storage;

namespace Airgap.Inference.Embeddings;

/// <summary>
/// Which embedding models ONNX Runtime serves: registered ONNX models (their pack lists a vocab.txt) and, when no
/// registered model has its name, the built-in all-minilm. Each is opened on first use and kept open until disposal.
/// </summary>
public sealed class SentenceEncoderCatalog(ModelRegistry registry, AirgapHome home, InferenceOptions options) : IDisposable
{
    /// <summary>The file beside an imported ONNX model that holds its WordPiece vocabulary.</summary>
    public const string VocabularyFile = "vocab.txt";

    private const string BuiltInKey = "built-in:all-minilm";
    private readonly Dictionary<string, Lazy<OnnxSentenceEncoder>> _open = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public InferenceOptions Options => options;

    /// <summary>The encoder serving <paramref name="model"/> and the reference it answers as; null when the model is not an ONNX one.</summary>
    public (OnnxSentenceEncoder Encoder, string Reference)? Find(string model)
    {
        ModelVersion? version;
        try
        {
            version = registry.Resolve(model);
        }
        catch (ModelNotFoundException)
        {
            version = null;
        }
        catch (RegistryException)
        {
            return null; // a malformed name: the scheduler refuses it in its own words
        }
        if (version is { Format: ModelFormat.Onnx })
            return (Open(version.Digest, () => FromRegistry(version)), version.Reference);
        if (version is null && BuiltInEmbeddingModel.Matches(model))
            return (Open(BuiltInKey, FromPackage), BuiltInEmbeddingModel.Name);
        return null;
    }

    /// <summary>True when <paramref name="model"/> names an embedding-only model: it cannot chat or generate.</summary>
    public bool IsEmbeddingOnly(string model)
    {
        try
        {
            return registry.Resolve(model).Format == ModelFormat.Onnx;
        }
        catch (ModelNotFoundException)
        {
            return BuiltInEmbeddingModel.Matches(model);
        }
        catch (RegistryException)
        {
            return false;
        }
    }

    private OnnxSentenceEncoder Open(string key, Func<OnnxSentenceEncoder> open)
    {
        Lazy<OnnxSentenceEncoder> encoder;
        lock (_gate)
        {
            if (!_open.TryGetValue(key, out encoder!)) _open[key] = encoder = new Lazy<OnnxSentenceEncoder>(open, LazyThreadSafetyMode.ExecutionAndPublication);
        }
        return encoder.Value;
    }

    private SentenceEncoderSettings Settings => new(BuiltInEmbeddingModel.MaxTokens, options.Threads, options.EmbeddingBatchSize, options.MaxQueue);

    private OnnxSentenceEncoder FromPackage()
    {
        using var vocabulary = MiniLmPackage.OpenVocabulary();
        return OnnxSentenceEncoder.FromBytes(MiniLmPackage.ReadModel(), vocabulary, Settings, BuiltInEmbeddingModel.Name);
    }

    private OnnxSentenceEncoder FromRegistry(ModelVersion version)
    {
        var vocabularyFile = version.Files.FirstOrDefault(f => f.Path.Equals(VocabularyFile, StringComparison.OrdinalIgnoreCase))
            ?? throw new Errors.ModelLoadException(version.Reference, $"an ONNX sentence-embedding model needs a {VocabularyFile} (WordPiece vocabulary) in its pack");
        using var vocabulary = new StreamReader(home.BlobPath(vocabularyFile.Sha256));
        return OnnxSentenceEncoder.FromFile(home.BlobPath(version.Digest), vocabulary, Settings, version.Reference);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var encoder in _open.Values.Where(e => e.IsValueCreated)) encoder.Value.Dispose();
            _open.Clear();
        }
    }
}
