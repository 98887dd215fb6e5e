using Airgap.Analytics.Search;

namespace Airgap.Analytics.Tests.Search;

public sealed class SearchEmbedsWhatWasStoredWithoutAModel : IDisposable
{
    private readonly AssistantSite _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task Texts_stored_while_the_model_was_missing_are_embedded_at_the_next_search_once()
    {
        var store = new SearchStore(Path.Combine(_site.Root, "search.db"), 100);
        var without = new SemanticSearch(store, _site.Embedder, AssistantSite.Options(o => o with { EmbeddingModel = "absent-embedder" }));
        var (ids, added, notes) = await without.AddAsync("c", [new TextToStore(null, "valve V2 stuck open", null), new TextToStore("b", "pressure drop", null)], default);
        Assert.Equal((2, 16), (added, ids[0].Length));
        Assert.Single(notes);
        Assert.All(store.Texts("c"), t => Assert.Null(t.Embedding));

        var with = new SemanticSearch(store, _site.Embedder, AssistantSite.Options());
        var outcome = await with.SearchAsync("c", "valve V2 stuck open", 5, default);

        Assert.Equal("embeddings", outcome.Source);
        Assert.Equal(ids[0], outcome.Hits[0].Id);
        Assert.Equal(1.0, outcome.Hits[0].Score, 4);
        Assert.All(store.Texts("c"), t =>
        {
            Assert.NotEmpty(t.Embedding!);
            Assert.Equal(outcome.Model, t.EmbeddingModel);
        });
    }

    [Fact]
    public void Keywords_rank_rarer_shared_words_higher_and_leave_out_texts_sharing_none()
    {
        string[] texts = ["pump pressure low", "pump started", "door open", "pressure sensor fault on pump 4"];
        var ranked = KeywordRanking.Rank("pressure fault", texts).OrderByDescending(x => x.Score).Select(x => x.Index);
        Assert.Equal([3, 0], ranked);
    }
}
