namespace Airgap.Inference.Scheduling;

/// <summary>A loaded model as the scheduler sees it: a queue to feed, a tokenizer, a template, embeddings.</summary>
public interface IModelRunner : IDisposable
{
    /// <summary>The runner's admission queue; the runner takes jobs from it as slots free up.</summary>
    PriorityRequestQueue Queue { get; }

    /// <summary>Context window per sequence, in tokens.</summary>
    int ContextLength { get; }

    /// <summary>Sequences generating now.</summary>
    int Running { get; }

    /// <summary>How many sequences ended for each reason since the model loaded.</summary>
    IReadOnlyDictionary<Generation.DoneReason, long> Finished { get; }

    /// <summary>Decode steps run since the model loaded.</summary>
    long DecodeSteps { get; }

    /// <summary>The most sequences one decode step has carried (proof that concurrent requests share steps).</summary>
    int PeakSequencesPerStep { get; }

    /// <summary>Tokens of a prompt, special tokens parsed.</summary>
    int[] Tokenize(string text, bool addBos);

    /// <summary>True when prompts start with BOS.</summary>
    bool AddsBos { get; }

    /// <summary>The prompt text for a conversation, through the model's chat template.</summary>
    string ApplyChatTemplate(IReadOnlyList<(string Role, string Content)> messages);

    /// <summary>
    /// Builds what a job needs before it is queued (the sampler chain, its grammar parsed by llama.cpp) on the
    /// caller's thread, so the decode thread never runs unbounded or failing set-up; throws for options the engine refuses.
    /// </summary>
    void Prepare(GenerationJob job);

    /// <summary>Wakes the runner to notice a cancellation at once.</summary>
    void Wake();

    /// <summary>True when a vision projector is loaded beside the model: its prompts may show it images.</summary>
    bool SeesImages => false;

    /// <summary>
    /// Tokenizes a prompt whose <see cref="Vision.PromptImage.Marker"/>s stand for <paramref name="images"/>, in order, on the
    /// caller's thread: every position of the prompt (an image embedding as a negative stand-in), and the engine's
    /// handle on the split prompt, which the job owns as its <see cref="GenerationJob.Media"/>.
    /// </summary>
    (int[] Tokens, IDisposable Media) TokenizeWithImages(string text, IReadOnlyList<Vision.PromptImage> images) =>
        throw new NotSupportedException("this runner cannot see images");
}

/// <summary>Loads a model file into a runner (llama.cpp in production, a scripted one in scheduler tests).</summary>
public interface IModelRunnerFactory
{
    /// <summary>
    /// Loads <paramref name="path"/>, with the vision projector at <paramref name="projectorPath"/> when there is one;
    /// throws on failure. Called off the request thread.
    /// </summary>
    IModelRunner Load(string name, string path, string? projectorPath, InferenceOptions options, PriorityRequestQueue queue);

    /// <summary>Bytes the model will take once loaded, for the memory budget.</summary>
    long EstimateBytes(string metadataJson, long fileSize, InferenceOptions options);
}
