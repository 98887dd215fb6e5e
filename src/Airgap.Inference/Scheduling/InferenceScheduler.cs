using System.Runtime.CompilerServices;
using Airgap.Inference.Errors;
using Airgap.Inference.Generation;

namespace Airgap.Inference.Scheduling;

/// <summary>What a caller asks of a model: a prompt (already templated unless raw), options, priority and keep_alive.</summary>
public sealed record GenerationRequest(string Model, string Prompt, GenerationOptions Options, int Priority = 0, TimeSpan? KeepAlive = null);

/// <summary>A generation admitted to a model's queue: which version serves it, its prompt size, and its events.</summary>
public sealed class GenerationStream(string modelReference, int promptTokens, IAsyncEnumerable<GenerationEvent> events)
{
    public string ModelReference { get; } = modelReference;
    public int PromptTokens { get; } = promptTokens;
    public IAsyncEnumerable<GenerationEvent> Events { get; } = events;
}

/// <summary>
/// Admission in front of the runners: resolves and loads the model, tokenizes, checks the context length,
/// and enqueues the job by priority, refusing at once when the queue is full.
/// </summary>
public sealed class InferenceScheduler(ModelHost host, TimeProvider clock)
{
    public ModelHost Host => host;

    /// <summary>Templates a conversation with the model's own chat template.</summary>
    public async Task<string> ApplyTemplateAsync(string model, IReadOnlyList<(string Role, string Content)> messages, CancellationToken cancellationToken)
    {
        using var lease = await host.AcquireAsync(model, null, cancellationToken);
        return lease.Model.Runner.ApplyChatTemplate(messages);
    }

    /// <summary>Admits a generation; the returned stream's events end with one final event.</summary>
    public async Task<GenerationStream> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        if (request.Priority is < 0 or > 9) throw new InvalidRequestException("priority", $"must be 0 to 9, got {request.Priority}");
        var lease = await host.AcquireAsync(request.Model, request.KeepAlive, cancellationToken);
        try
        {
            var runner = lease.Model.Runner;
            var tokens = TokenizeNonEmpty(runner, request.Prompt);
            if (tokens.Length >= runner.ContextLength) throw new ContextLengthExceededException(tokens.Length, runner.ContextLength);
            var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(host.Options.RequestTimeout);
            var job = new GenerationJob(tokens, request.Options, request.Priority, clock.GetUtcNow(), timeout.Token)
            {
                LoadTime = lease.LoadedNow ? lease.Model.LoadTime : TimeSpan.Zero,
            };
            var wake = timeout.Token.Register(runner.Wake);
            try
            {
                runner.Queue.Enqueue(job);
            }
            catch
            {
                wake.Dispose();
                timeout.Dispose();
                throw;
            }
            return new GenerationStream(lease.Model.Version.Reference, tokens.Length, Read(job, lease, timeout, wake));
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>Embeds each input with the model; inputs longer than the context are truncated.</summary>
    public async Task<(string ModelReference, float[][] Vectors, int Tokens)> EmbedAsync(string model, IReadOnlyList<string> inputs, TimeSpan? keepAlive, CancellationToken cancellationToken)
    {
        using var lease = await host.AcquireAsync(model, keepAlive, cancellationToken);
        var runner = lease.Model.Runner;
        var tokenized = inputs.Select(i => TokenizeNonEmpty(runner, i))
            .Select(t => t.Length > runner.ContextLength ? t[..runner.ContextLength] : t).ToList();
        var vectors = await runner.EmbedAsync(tokenized, cancellationToken);
        return (lease.Model.Version.Reference, vectors, tokenized.Sum(t => t.Length));
    }

    // An empty text still needs one token to decode (and, for generation, logits to sample from).
    private static int[] TokenizeNonEmpty(IModelRunner runner, string text) =>
        runner.Tokenize(text, runner.AddsBos) is { Length: > 0 } tokens ? tokens : runner.Tokenize(" ", runner.AddsBos);

    private static async IAsyncEnumerable<GenerationEvent> Read(GenerationJob job, ModelLease lease, CancellationTokenSource timeout,
        CancellationTokenRegistration wake, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            await foreach (var e in job.Output.Reader.ReadAllAsync(cancellationToken)) yield return e;
        }
        finally
        {
            // A reader that stops early (client gone) cancels the sequence so its slot frees at once.
            if (!job.Output.Reader.Completion.IsCompleted) await timeout.CancelAsync();
            await wake.DisposeAsync();
            timeout.Dispose();
            lease.Dispose();
        }
    }
}
