using System.Security.Cryptography;
using System.Text;
using Airgap.Inference.Errors;
using Microsoft.Extensions.AI;

namespace Airgap.Analytics.Search;

/// <summary>
/// Semantic search over stored texts: texts are embedded once (Analytics:EmbeddingModel, the built-in all-minilm by
/// default) when added or, if the model was unavailable then or has a new version since, at the next search; a query
/// ranks them by cosine similarity. With no embedding model answering, BM25 keywords rank them and the outcome says so.
/// </summary>
public sealed class SemanticSearch(SearchStore store, IEmbeddingGenerator<string, Embedding<float>> embedder, AnalyticsOptions options,
    TimeProvider? clock = null)
{
    /// <summary>Most texts one add request may carry.</summary>
    public const int MaxTextsPerRequest = 1024;

    /// <summary>Most results one search may ask for.</summary>
    public const int MaxResults = 100;

    // Stored texts embedded per call at search time, each call within Analytics:ModelTimeout.
    private const int StaleBatch = 256;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The store behind it.</summary>
    public SearchStore Store => store;

    /// <summary>Checks a collection name: 1–64 letters, digits, '-', '_' or '.', not starting with '.'.</summary>
    public static string CheckCollection(string? collection) =>
        collection is { Length: > 0 and <= 64 } && collection[0] != '.' && collection.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? collection
            : throw new InvalidRequestException("collection", $"'{collection}' must be 1-64 letters, digits, '-', '_' or '.', not starting with '.'");

    /// <summary>Adds or replaces texts; returns their ids in order, how many were new, and why any were stored unembedded.</summary>
    public async Task<(IReadOnlyList<string> Ids, int Added, IReadOnlyList<string> Notes)> AddAsync(string collection, IReadOnlyList<TextToStore> texts,
        CancellationToken cancellationToken)
    {
        CheckCollection(collection);
        if (texts.Count == 0) throw new InvalidRequestException("texts", "holds no texts");
        if (texts.Count > MaxTextsPerRequest) throw new InvalidRequestException("texts", $"has {texts.Count} texts, more than {MaxTextsPerRequest} per request");
        var ids = new string[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            var t = texts[i];
            if (string.IsNullOrWhiteSpace(t.Text)) throw new InvalidRequestException($"texts[{i}].text", "is required and must not be blank");
            if (t.Text.Length > options.MaxTextLength)
                throw new InvalidRequestException($"texts[{i}].text", $"is {t.Text.Length} characters, more than Analytics:MaxTextLength ({options.MaxTextLength})");
            if (t.Id is { } id && (id.Length is 0 or > 256 || id.Any(char.IsControl)))
                throw new InvalidRequestException($"texts[{i}].id", "must be 1-256 characters without control characters");
            ids[i] = t.Id ?? IdOf(t.Text);
        }
        if (ids.GroupBy(id => id).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InvalidRequestException("texts", $"names the id '{twice.Key}' more than once");

        var notes = new List<string>();
        var (vectors, version) = await TryEmbedAsync(texts.Select(t => t.Text).ToList(), notes, cancellationToken);
        var added = store.Upsert(collection, texts.Select((t, i) => (ids[i], t, vectors?[i])).ToList(), version, _clock.GetUtcNow());
        return (ids, added, notes);
    }

    /// <summary>The <paramref name="limit"/> stored texts closest in meaning to <paramref name="query"/>.</summary>
    public async Task<SearchOutcome> SearchAsync(string collection, string? query, int limit, CancellationToken cancellationToken)
    {
        CheckCollection(collection);
        if (string.IsNullOrWhiteSpace(query)) throw new InvalidRequestException("query", "is required and must not be blank");
        if (query.Length > options.MaxTextLength)
            throw new InvalidRequestException("query", $"is {query.Length} characters, more than Analytics:MaxTextLength ({options.MaxTextLength})");
        if (limit is < 1 or > MaxResults) throw new InvalidRequestException("limit", $"must be 1-{MaxResults}");
        var texts = store.Texts(collection);
        if (texts.Count == 0) throw new SearchCollectionNotFoundException(collection);

        var notes = new List<string>();
        var (queryVector, version) = await TryEmbedAsync([query], notes, cancellationToken);
        if (queryVector is not null)
        {
            var vectors = texts.Select(t => t.EmbeddingModel == version ? t.Embedding : null).ToArray();
            var stale = Enumerable.Range(0, texts.Count).Where(i => vectors[i] is null).ToList();
            // A batch at a time, each kept as soon as it is made: a slow model still makes progress across searches.
            for (var start = 0; start < stale.Count; start += StaleBatch)
            {
                var batch = stale.Skip(start).Take(StaleBatch).ToList();
                var (fresh, freshVersion) = await TryEmbedAsync(batch.Select(i => texts[i].Text).ToList(), notes, cancellationToken);
                if (fresh is null || freshVersion != version) break;
                store.SaveEmbeddings(collection, batch.Select((i, k) => (texts[i].Id, texts[i].Text, fresh[k])).ToList(), version!);
                for (var k = 0; k < batch.Count; k++) vectors[batch[k]] = fresh[k];
            }
            if (vectors.All(v => v is not null))
            {
                var ranked = vectors.Select((v, i) => (i, Score: Similarity.Cosine(queryVector[0], v!)))
                    .OrderByDescending(x => x.Score).ThenBy(x => x.i).Take(limit);
                return new SearchOutcome(ranked.Select(x => Hit(texts[x.i], x.Score)).ToList(), "embeddings", version, notes);
            }
        }
        var byKeywords = KeywordRanking.Rank(query, texts.Select(t => t.Text).ToList())
            .OrderByDescending(x => x.Score).ThenBy(x => x.Index).Take(limit);
        notes.Add("ranked by keywords (BM25), not by meaning");
        return new SearchOutcome(byKeywords.Select(x => Hit(texts[x.Index], x.Score)).ToList(), "keywords", null, notes);
    }

    private static SearchHit Hit(StoredText t, double score) => new(t.Id, t.Text, t.Metadata, Math.Round(score, 6));

    private static string IdOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    private async Task<(float[][]? Vectors, string? Version)> TryEmbedAsync(IReadOnlyList<string> texts, List<string> notes, CancellationToken cancellationToken)
    {
        var model = options.EmbeddingModel;
        if (string.IsNullOrWhiteSpace(model))
        {
            notes.Add("no embedding model is configured (setting Analytics:EmbeddingModel)");
            return (null, null);
        }
        using var deadline = new ModelDeadline(options.ModelTimeout, _clock, cancellationToken);
        try
        {
            return await EmbeddingBatches.EmbedWithVersionAsync(embedder, model, options.ClassifyPriority, texts, deadline.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            notes.Add(ModelFailure.Describe("embedding", model, e, deadline).Replace(" failed:", " is unavailable:"));
            return (null, null);
        }
    }
}
