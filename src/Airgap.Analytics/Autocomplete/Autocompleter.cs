using Airgap.Inference.Chat;
using Airgap.Inference.Errors;
using Microsoft.Extensions.AI;

namespace Airgap.Analytics.Autocomplete;

/// <summary>
/// Suggests the value a technician is about to enter: values accepted in exactly this context first, then those
/// accepted in similar contexts (embedding similarity of the contexts' text), each ranked by frequency weighted by
/// recency; the autocomplete model is asked for more only when history holds fewer values than
/// Analytics:AutocompleteHistoryThreshold. A model or embedding model that is missing or fails only leaves its
/// suggestions out, and a note says so.
/// </summary>
public sealed class Autocompleter(AutocompleteStore store, IChatClient chat, IEmbeddingGenerator<string, Embedding<float>> embedder,
    AnalyticsOptions options, TimeProvider? clock = null)
{
    // Stored contexts embedded for one request at most; any beyond wait for the next request, which finds these saved.
    private const int MaxEmbeddedPerRequest = 256;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Stores one acceptance of <paramref name="value"/>; refuses (naming the field, storing nothing) a bad parameter or value.</summary>
    public AcceptedValue Record(AutocompleteContext context, string? parameter, string? value)
    {
        CheckParameter(parameter);
        if (string.IsNullOrWhiteSpace(value)) throw new InvalidRequestException("value", "must not be empty");
        if (value.Length > options.MaxTextLength)
            throw new InvalidRequestException("value", $"is {value.Length} characters, longer than the {options.MaxTextLength} allowed (setting Analytics:MaxTextLength)");
        return store.Record(context, parameter!, value, _clock.GetUtcNow());
    }

    /// <summary>Up to <paramref name="limit"/> ranked suggestions for <paramref name="parameter"/> in <paramref name="context"/>.</summary>
    public async Task<AutocompleteOutcome> SuggestAsync(AutocompleteContext context, string? parameter, int limit, string? model,
        CancellationToken cancellationToken)
    {
        CheckParameter(parameter);
        if (limit < 1 || limit > options.MaxSuggestions)
            throw new InvalidRequestException("limit", $"must be between 1 and {options.MaxSuggestions} (setting Analytics:MaxSuggestions), got {limit}");
        var now = _clock.GetUtcNow();
        var notes = new List<string>();
        var contexts = store.Contexts(parameter!, options.EmbeddingModel);

        var exact = contexts.FirstOrDefault(c => c.Key == context.Key);
        var history = (exact?.Values ?? [])
            .Select(v => (v, Weight: HistoryRanking.Weight(v.Count, v.LastUsed, now)))
            .OrderByDescending(x => x.Weight).ThenByDescending(x => x.v.LastUsed).ThenBy(x => x.v.Value, StringComparer.Ordinal)
            .Select(x => new Suggestion(x.v.Value, HistoryRanking.Score(x.Weight), SuggestionSource.History, x.v.Count, x.v.LastUsed))
            .ToList();
        var others = contexts.Where(c => c != exact).ToList();
        var similar = others.Count == 0 ? [] : await SimilarAsync(context, others, history.Select(s => s.Value).ToHashSet(), now, notes, cancellationToken);

        var suggestions = history.Concat(similar).ToList();
        var known = suggestions.Count;
        if (known < options.AutocompleteHistoryThreshold && suggestions.Count < limit)
            suggestions.AddRange(await AskModelAsync(context, parameter!, limit, model, suggestions, notes, cancellationToken));
        return new AutocompleteOutcome(suggestions.Take(limit).ToList(), notes);
    }

    private async Task<List<Suggestion>> SimilarAsync(AutocompleteContext context, List<StoredContext> others, HashSet<string> taken,
        DateTimeOffset now, List<string> notes, CancellationToken cancellationToken)
    {
        var unembedded = others.Where(c => c.Embedding is null).Take(MaxEmbeddedPerRequest).ToList();
        float[][] vectors;
        using (var deadline = new ModelDeadline(options.ModelTimeout, _clock, cancellationToken))
        {
            try
            {
                vectors = await EmbeddingBatches.EmbedAsync(embedder, options.EmbeddingModel, options.AutocompletePriority,
                    [context.Text, .. unembedded.Select(c => c.Text)], deadline.Token);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                notes.Add(ModelFailure.Describe("embedding", options.EmbeddingModel, e, deadline) + ": similar contexts were not searched");
                return [];
            }
        }
        var embeddings = others.Where(c => c.Embedding is not null).ToDictionary(c => c.Id, c => c.Embedding!);
        for (var i = 0; i < unembedded.Count; i++)
        {
            embeddings[unembedded[i].Id] = vectors[i + 1];
            store.SaveEmbedding(unembedded[i].Id, vectors[i + 1], options.EmbeddingModel);
        }
        if (unembedded.Count < others.Count(c => c.Embedding is null))
            notes.Add($"more than {MaxEmbeddedPerRequest} stored contexts still need embedding; the rest are searched on later requests");

        var byValue = new Dictionary<string, (double Weight, long Count, DateTimeOffset LastUsed)>(StringComparer.Ordinal);
        foreach (var stored in others)
        {
            if (!embeddings.TryGetValue(stored.Id, out var embedding)) continue;
            var relevance = HistoryRanking.Relevance(Similarity.Cosine(vectors[0], embedding));
            if (relevance <= 0) continue;
            foreach (var value in stored.Values.Where(v => !taken.Contains(v.Value)))
            {
                var (weight, count, last) = byValue.GetValueOrDefault(value.Value);
                byValue[value.Value] = (weight + relevance * HistoryRanking.Weight(value.Count, value.LastUsed, now), count + value.Count,
                    value.LastUsed > last ? value.LastUsed : last);
            }
        }
        return byValue.OrderByDescending(x => x.Value.Weight).ThenByDescending(x => x.Value.LastUsed).ThenBy(x => x.Key, StringComparer.Ordinal)
            .Select(x => new Suggestion(x.Key, HistoryRanking.Score(x.Value.Weight), SuggestionSource.Similar, x.Value.Count, x.Value.LastUsed))
            .ToList();
    }

    private async Task<List<Suggestion>> AskModelAsync(AutocompleteContext context, string parameter, int limit, string? requested,
        List<Suggestion> known, List<string> notes, CancellationToken cancellationToken)
    {
        var model = requested ?? options.AutocompleteModel;
        if (string.IsNullOrWhiteSpace(model))
        {
            notes.Add(requested is null
                ? "history is thin and no autocomplete model is configured (setting Analytics:AutocompleteModel)"
                : "history is thin and the request asked for no model (model: \"\")");
            return [];
        }
        using var deadline = new ModelDeadline(options.ModelTimeout, _clock, cancellationToken);
        try
        {
            var chatOptions = new ChatOptions
            {
                ModelId = model,
                ResponseFormat = AutocompletePrompt.Format(limit),
                Temperature = 0,
                // Enough for the list the grammar allows; a model that pads it with whitespace is cut off here.
                MaxOutputTokens = 32 + limit * (AutocompletePrompt.MaxValueLength + 8),
                AdditionalProperties = new() { [AirgapChatProperties.Priority] = options.AutocompletePriority },
            };
            var response = await chat.GetResponseAsync(AutocompletePrompt.Messages(context, parameter, limit, known.Select(s => s.Value)),
                chatOptions, deadline.Token);
            var taken = known.Select(s => s.Value).ToHashSet(StringComparer.Ordinal);
            return AutocompletePrompt.Answer(response.Text).Where(taken.Add)
                .Select(v => new Suggestion(v, 0, SuggestionSource.Llm, 0, null)).ToList();
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            notes.Add(ModelFailure.Describe("autocomplete", model, e, deadline) + ": history only");
            return [];
        }
    }

    private void CheckParameter(string? parameter)
    {
        if (string.IsNullOrWhiteSpace(parameter)) throw new InvalidRequestException("parameter", "must not be empty");
        if (parameter.Length > options.MaxTextLength)
            throw new InvalidRequestException("parameter", $"is {parameter.Length} characters, longer than the {options.MaxTextLength} allowed (setting Analytics:MaxTextLength)");
    }
}
