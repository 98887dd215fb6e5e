using Airgap.Inference.Scheduling;
using Airgap.Inference.Hardware;
using Microsoft.Extensions.Logging;

namespace Airgap.Inference.Engines.LlamaCpp;

/// <summary>Loads GGUF models in llama.cpp, each with its own decode thread.</summary>
public sealed class LlamaRunnerFactory(ILoggerFactory loggers, TimeProvider clock) : IModelRunnerFactory
{
    public IModelRunner Load(string name, string path, string? projectorPath, InferenceOptions options, PriorityRequestQueue queue)
    {
        var settings = new LlamaModelSettings
        {
            ContextLength = options.ContextLength,
            Parallel = options.Parallel,
            BatchSize = options.BatchSize,
            PromptChunkWhileGenerating = Math.Clamp(options.PromptChunk, 1, options.BatchSize),
            Threads = options.Threads,
            SlotPromptSimilarity = options.SlotPromptSimilarity,
        };
        LlamaNative.UseLogger(loggers.CreateLogger("llama.cpp"));
        var instance = new LlamaModelInstance(path, settings, projectorPath);
        try
        {
            return new LlamaModelRunner(instance, new LlamaRunner(instance, queue, clock, loggers.CreateLogger<LlamaRunner>(), name), queue);
        }
        catch
        {
            instance.Dispose();
            throw;
        }
    }

    public long EstimateBytes(string metadataJson, long fileSize, InferenceOptions options) =>
        MemoryEstimate.Loaded(metadataJson, fileSize, options.ContextLength, options.Parallel);
}

/// <summary>A llama.cpp model and its runner behind the scheduler's interface.</summary>
internal sealed class LlamaModelRunner(LlamaModelInstance instance, LlamaRunner runner, PriorityRequestQueue queue) : IModelRunner
{
    public PriorityRequestQueue Queue => queue;
    internal LlamaRunner Runner => runner;
    public int ContextLength => instance.Settings.ContextLength;
    public int Running => runner.ActiveSequences;
    public IReadOnlyDictionary<Generation.DoneReason, long> Finished => runner.Finished;
    public bool AddsBos => instance.AddsBos;
    public int[] Tokenize(string text, bool addBos) => instance.Tokenize(text, addBos);
    public string ApplyChatTemplate(IReadOnlyList<(string Role, string Content)> messages) => instance.ApplyChatTemplate(messages);
    public long DecodeSteps => runner.DecodeSteps;
    public int PeakSequencesPerStep => runner.PeakSequencesPerStep;

    public void Prepare(GenerationJob job) => job.Sampler = SamplerChain.Create(job.Options, instance.Weights.NativeHandle);
    public bool SeesImages => instance.Projector is not null;

    public (int[] Tokens, IDisposable Media) TokenizeWithImages(string text, IReadOnlyList<Vision.PromptImage> images)
    {
        var projector = instance.Projector ?? throw new NotSupportedException("this model has no vision projector");
        var media = projector.Tokenize(text, images, instance.AddsBos);
        if (media.EndsWithText) return (media.Tokens, media);
        media.Dispose();
        throw new Errors.InvalidRequestException("prompt", "must go on with text after its last image");
    }
    public void Wake() => runner.Wake();

    public void Dispose()
    {
        runner.Dispose();
        instance.Dispose();
    }
}
