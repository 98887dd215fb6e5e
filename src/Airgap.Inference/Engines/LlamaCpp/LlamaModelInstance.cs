using System.Text;
using LLama;
using LLama.Common;
using LLama.Native;

namespace Airgap.Inference.Engines.LlamaCpp;

/// <summary>
/// A model loaded in llama.cpp: its weights, its vision projector if it has one, and one generation context with a
/// sequence per parallel slot. Only the runner's decode thread touches the context after construction.
/// </summary>
public sealed class LlamaModelInstance : IDisposable
{
    private readonly ModelParams _parameters;
    private LLamaContext? _embeddingContext;

    public LlamaModelInstance(string path, LlamaModelSettings settings, string? projectorPath = null)
    {
        LlamaNative.EnsureConfigured();
        Settings = settings;
        _parameters = new ModelParams(path)
        {
            ContextSize = (uint)(settings.ContextLength * settings.Parallel),
            SeqMax = (uint)settings.Parallel,
            BatchSize = (uint)settings.BatchSize,
            UBatchSize = (uint)settings.BatchSize,
            GpuLayerCount = 0,
            Threads = settings.EffectiveThreads,
            BatchThreads = settings.EffectiveThreads,
            // One KV stream per sequence: attention then spans only that sequence's cells, not every cached prefix.
            KVUnified = false,
        };
        Weights = LlamaNative.LoadWeights(_parameters);
        try
        {
            Context = Weights.CreateContext(_parameters);
            Projector = projectorPath is null ? null : LlamaProjector.Load(projectorPath, Weights, settings.EffectiveThreads);
        }
        catch
        {
            Context?.Dispose();
            Weights.Dispose();
            throw;
        }
    }

    public LlamaModelSettings Settings { get; }
    public LLamaWeights Weights { get; }
    public LLamaContext Context { get; }

    /// <summary>The vision projector loaded beside the model, or null for a model that reads text only.</summary>
    public LlamaProjector? Projector { get; }
    public SafeLlamaModelHandle.Vocabulary Vocab => Weights.Vocab;

    /// <summary>Tokens of <paramref name="text"/>, parsing special tokens (the chat template's markers).</summary>
    public int[] Tokenize(string text, bool addBos) =>
        Weights.NativeHandle.Tokenize(text, addBos, special: true, Encoding.UTF8).Select(t => (int)t).ToArray();

    /// <summary>True when the model wants a BOS token at the start of a prompt.</summary>
    public bool AddsBos => Vocab.ShouldAddBOS;

    /// <summary>Applies the model's own chat template (llama.cpp's template engine) to role/content pairs.</summary>
    public string ApplyChatTemplate(IEnumerable<(string Role, string Content)> messages, bool addAssistant = true)
    {
        var template = new LLamaTemplate(Weights) { AddAssistant = addAssistant };
        foreach (var (role, content) in messages) template.Add(role, content);
        return Encoding.UTF8.GetString(template.Apply());
    }

    /// <summary>A context for embeddings (mean pooling over the last hidden states), made on first use.</summary>
    public LLamaContext EmbeddingContext()
    {
        if (_embeddingContext is not null) return _embeddingContext;
        var parameters = new ModelParams(_parameters.ModelPath)
        {
            ContextSize = (uint)Settings.ContextLength,
            BatchSize = (uint)Settings.ContextLength,
            UBatchSize = (uint)Settings.ContextLength,
            Threads = Settings.EffectiveThreads,
            BatchThreads = Settings.EffectiveThreads,
            Embeddings = true,
            // An embedding model declares its pooling (mean, CLS); any other model is mean-pooled, as Ollama does.
            PoolingType = Weights.Metadata.Keys.Any(k => k.EndsWith(".pooling_type", StringComparison.Ordinal))
                ? LLamaPoolingType.Unspecified
                : LLamaPoolingType.Mean,
            GpuLayerCount = 0,
        };
        return _embeddingContext = Weights.CreateContext(parameters);
    }

    public void Dispose()
    {
        _embeddingContext?.Dispose();
        Projector?.Dispose();
        Context.Dispose();
        Weights.Dispose();
    }
}
