using System.Runtime.CompilerServices;
using Airgap.Inference.Errors;
using Airgap.Inference.Generation;

namespace Airgap.Inference.Scheduling;

/// <summary>
/// What a caller asks of a model: a prompt, or a conversation to template with the model's own chat template,
/// with options, priority and keep_alive.
/// </summary>
public sealed record GenerationRequest(string Model, string Prompt, GenerationOptions Options, int Priority = 0, TimeSpan? KeepAlive = null)
{
    /// <summary>A conversation templated under the same model lease as the generation; when set, <see cref="Prompt"/> is ignored.</summary>
    public IReadOnlyList<(string Role, string Content)>? Messages { get; init; }

    /// <summary>
    /// Images the prompt shows, in the order of its <see cref="Vision.PromptImage.Marker"/>s (one each); a model without
    /// a vision projector refuses them with <see cref="ModelCannotSeeImagesException"/>.
    /// </summary>
    public IReadOnlyList<Vision.PromptImage>? Images { get; init; }
}

/// <summary>Texts to embed with a model, with priority and keep_alive.</summary>
public sealed record EmbeddingRequest(string Model, IReadOnlyList<string> Inputs, int Priority = 0, TimeSpan? KeepAlive = null);

/// <summary>A generation admitted to a model's queue: which version serves it, its prompt size, and its events.</summary>
public sealed class GenerationStream(string modelReference, int promptTokens, IAsyncEnumerable<GenerationEvent> events)
{
    public string ModelReference { get; } = modelReference;
    public int PromptTokens { get; } = promptTokens;
    public IAsyncEnumerable<GenerationEvent> Events { get; } = events;
}

/// <summary>
/// Admission in front of the runners: under one model lease per request it loads the model, templates and tokenizes,
/// checks the context length, builds the sampler, and enqueues the job by priority, refusing at once when the queue
/// is full. Generations and embeddings share the queue, the bound, the timeout and cancellation.
/// </summary>
public sealed class InferenceScheduler(ModelHost host, TimeProvider clock)
{
    public ModelHost Host => host;

    /// <summary>Admits a generation; the returned stream's events end with one final event.</summary>
    public async Task<GenerationStream> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        CheckPriority(request.Priority);
        var deadline = new RequestDeadline(host.Options.RequestTimeout, clock, cancellationToken);
        try
        {
            var lease = await AcquireForGenerationAsync(request.Model, request.KeepAlive, deadline);
            try
            {
                var runner = lease.Model.Runner;
                var prompt = request.Messages is { } messages ? runner.ApplyChatTemplate(messages) : request.Prompt;
                var images = request.Images ?? [];
                if (images.Count > 0 && !runner.SeesImages) throw new ModelCannotSeeImagesException(lease.Version.Reference);
                var (tokens, media) = images.Count > 0 ? runner.TokenizeWithImages(prompt, images) : (TokenizeNonEmpty(runner, prompt), null);
                var job = new GenerationJob(tokens, request.Options, request.Priority, clock.GetUtcNow(), deadline.Token, deadline.Deadline)
                {
                    LoadTime = lease.LoadedNow ? lease.Model.LoadTime : TimeSpan.Zero,
                    Media = media,
                };
                if (tokens.Length >= runner.ContextLength)
                {
                    job.Fail(DoneReason.Error); // frees the split prompt
                    throw new ContextLengthExceededException(tokens.Length, runner.ContextLength);
                }
                try
                {
                    runner.Prepare(job);
                }
                catch
                {
                    job.Fail(DoneReason.Error);
                    throw;
                }
                Enqueue(job, runner, deadline);
                return new GenerationStream(lease.Version.Reference, tokens.Length, Read(job, lease, deadline));
            }
            catch
            {
                lease.Dispose();
                throw;
            }
        }
        catch
        {
            deadline.Dispose();
            throw;
        }
    }

    /// <summary>Embeds each input with the model, in the model's queue like a generation; inputs longer than the context are truncated.</summary>
    public async Task<(string ModelReference, float[][] Vectors, int Tokens)> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken)
    {
        CheckPriority(request.Priority);
        if (request.Inputs.Count == 0) return (request.Model, [], 0);
        var max = host.Options.MaxEmbeddingInputs;
        if (request.Inputs.Count > max)
            throw new InvalidRequestException("input", $"has {request.Inputs.Count} inputs, more than the {max} allowed (setting Inference:MaxEmbeddingInputs)");
        using var deadline = new RequestDeadline(host.Options.RequestTimeout, clock, cancellationToken);
        try
        {
            using var lease = await AcquireAsync(request.Model, request.KeepAlive, deadline);
            var runner = lease.Model.Runner;
            var tokenized = new List<int[]>(request.Inputs.Count);
            foreach (var input in request.Inputs)
            {
                deadline.Token.ThrowIfCancellationRequested();
                var tokens = TokenizeNonEmpty(runner, input);
                tokenized.Add(tokens.Length > runner.ContextLength ? tokens[..runner.ContextLength] : tokens);
            }
            var job = new EmbeddingJob(tokenized, request.Priority, clock.GetUtcNow(), deadline.Token, deadline.Deadline);
            Enqueue(job, runner, deadline);
            var vectors = await job.Result.Task;
            return (lease.Version.Reference, vectors, tokenized.Sum(t => t.Length));
        }
        catch (OperationCanceledException) when (deadline.TimedOut)
        {
            throw new RequestTimeoutException();
        }
    }

    /// <summary>Loads a model (or keeps it loaded) without a request, bounded by the request timeout like any request.</summary>
    public async Task LoadAsync(string model, TimeSpan? keepAlive, CancellationToken cancellationToken)
    {
        using var deadline = new RequestDeadline(host.Options.RequestTimeout, clock, cancellationToken);
        (await AcquireForGenerationAsync(model, keepAlive, deadline)).Dispose();
    }

    // The built-in embedding model is in no registry; asked to generate, it is named as what it is, not as missing.
    private async Task<ModelLease> AcquireForGenerationAsync(string model, TimeSpan? keepAlive, RequestDeadline deadline)
    {
        try
        {
            return await AcquireAsync(model, keepAlive, deadline);
        }
        catch (Models.Catalog.ModelNotFoundException) when (Embeddings.BuiltInEmbeddingModel.Matches(model))
        {
            throw new InvalidRequestException("model", $"{model} is an embedding model; it cannot chat or generate text");
        }
    }

    private async Task<ModelLease> AcquireAsync(string model, TimeSpan? keepAlive, RequestDeadline deadline)
    {
        try
        {
            return await host.AcquireAsync(model, keepAlive, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.TimedOut)
        {
            throw new RequestTimeoutException();
        }
    }

    private static void Enqueue(QueuedJob job, IModelRunner runner, RequestDeadline deadline)
    {
        try
        {
            runner.Queue.Enqueue(job);
        }
        catch (Exception e)
        {
            job.Abort(e); // frees what Prepare built
            throw;
        }
        deadline.Watch(job, runner);
    }

    private static void CheckPriority(int priority)
    {
        if (priority is < 0 or > 9) throw new InvalidRequestException("priority", $"must be 0 to 9, got {priority}");
    }

    // An empty text still needs one token to decode (and, for generation, logits to sample from).
    private static int[] TokenizeNonEmpty(IModelRunner runner, string text) =>
        runner.Tokenize(text, runner.AddsBos) is { Length: > 0 } tokens ? tokens : runner.Tokenize(" ", runner.AddsBos);

    private static async IAsyncEnumerable<GenerationEvent> Read(GenerationJob job, ModelLease lease, RequestDeadline deadline,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            await foreach (var e in job.Output.Reader.ReadAllAsync(cancellationToken)) yield return e;
        }
        finally
        {
            // A reader that stops early (client gone) cancels the sequence so its slot frees at once.
            if (!job.Output.Reader.Completion.IsCompleted) await deadline.CancelAsync();
            deadline.Dispose();
            lease.Dispose();
        }
    }
}
