using System.Collections.Concurrent;
using Airgap.Inference.Chat;
using Microsoft.Extensions.AI;

namespace Airgap.Analytics.Classification;

/// <summary>
/// Puts texts into categories. The classification model answers first, held to the categories by a JSON-schema
/// grammar; a text it does not answer (no model configured, model missing, failed, past Analytics:ModelTimeout) gets
/// the label of its nearest labelled example by embedding similarity, else <c>unknown</c>. Every answer names its
/// source and the outcome says in words why anything fell back.
/// </summary>
public sealed class TextClassifier(IChatClient chat, IEmbeddingGenerator<string, Embedding<float>> embedder, AnalyticsOptions options,
    TimeProvider? clock = null)
{
    // The scheduler batches concurrent sequences; more texts in flight than this would only wait in its queue.
    private const int ParallelTexts = 4;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Classifies every text of a request (validated first; a refusal names the field).</summary>
    public async Task<ClassificationOutcome> ClassifyAsync(ClassificationRequest request, CancellationToken cancellationToken, string textsField = "texts")
    {
        request.Validate(options, textsField);
        var results = new TextClassification?[request.Texts.Count];
        var notes = new ConcurrentQueue<string>();
        var model = request.Model ?? options.ClassifyModel;
        if (string.IsNullOrWhiteSpace(model))
        {
            model = null;
            notes.Enqueue(request.Model is null
                ? "no classification model is configured (setting Analytics:ClassifyModel)"
                : "the request asked for no model (model: \"\")");
        }
        else
            await AskModelAsync(model, request, results, notes, cancellationToken);

        var missing = Enumerable.Range(0, results.Length).Where(i => results[i] is null).ToList();
        if (missing.Count > 0) await NearestExamplesAsync(request, missing, results, notes, cancellationToken);
        return new ClassificationOutcome(results.Select(r => r ?? TextClassification.None).ToList(), model, notes.Distinct().ToList());
    }

    private async Task AskModelAsync(string model, ClassificationRequest request, TextClassification?[] results,
        ConcurrentQueue<string> notes, CancellationToken cancellationToken)
    {
        using var deadline = new ModelDeadline(options.ModelTimeout, _clock, cancellationToken);
        var chatOptions = new ChatOptions
        {
            ModelId = model,
            ResponseFormat = ClassificationPrompt.Format(request.Categories),
            Temperature = 0,
            // The grammar ends the answer after one category; this only stops a model that pads it with whitespace.
            MaxOutputTokens = 32 + request.Categories.Max(c => c.Length),
            AdditionalProperties = new() { [AirgapChatProperties.Priority] = options.ClassifyPriority },
        };
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = ParallelTexts };
        await Parallel.ForEachAsync(Enumerable.Range(0, request.Texts.Count), parallel, async (i, _) =>
        {
            if (deadline.Token.IsCancellationRequested) return;
            try
            {
                var messages = ClassificationPrompt.Messages(request.Texts[i], request.Categories, request.Examples);
                var response = await chat.GetResponseAsync(messages, chatOptions, deadline.Token);
                if (ClassificationPrompt.Answer(response.Text, request.Categories) is { } category)
                    results[i] = new TextClassification(category, ClassificationSource.Llm);
                else
                    notes.Enqueue($"classification model '{model}' gave an answer that is not one of the categories");
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                if (e is OperationCanceledException && !deadline.Expired) return; // abandoned after another text's model-wide failure
                notes.Enqueue(ModelFailure.Describe("classification", model, e, deadline));
                if (ModelFailure.IsModelWide(e)) deadline.Abandon();
            }
        });
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task NearestExamplesAsync(ClassificationRequest request, List<int> missing, TextClassification?[] results,
        ConcurrentQueue<string> notes, CancellationToken cancellationToken)
    {
        if (request.Examples.Count == 0)
        {
            notes.Enqueue("no labelled examples to compare with: texts the model did not classify are unknown");
            return;
        }
        var embeddingModel = options.EmbeddingModel;
        float[][] vectors;
        using (var deadline = new ModelDeadline(options.ModelTimeout, _clock, cancellationToken))
        {
            try
            {
                var texts = request.Examples.Select(e => e.Text).Concat(missing.Select(i => request.Texts[i])).ToList();
                vectors = await EmbeddingBatches.EmbedAsync(embedder, embeddingModel, options.ClassifyPriority, texts, deadline.Token);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                notes.Enqueue(ModelFailure.Describe("embedding", embeddingModel, e, deadline).Replace(" failed:", " is unavailable:")
                    + ": texts the model did not classify are unknown");
                return;
            }
        }
        var examples = request.Examples.Count;
        for (var m = 0; m < missing.Count; m++)
        {
            var text = vectors[examples + m];
            var (best, similarity) = (-1, double.NegativeInfinity);
            for (var e = 0; e < examples; e++)
            {
                var s = Similarity.Cosine(text, vectors[e]);
                if (s > similarity) (best, similarity) = (e, s);
            }
            results[missing[m]] = new TextClassification(request.Examples[best].Label, ClassificationSource.Embeddings,
                Math.Round(Math.Clamp(similarity, 0, 1), 4), best);
        }
    }
}
