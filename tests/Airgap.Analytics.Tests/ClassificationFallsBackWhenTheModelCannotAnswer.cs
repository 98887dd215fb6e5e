using Airgap.Analytics.Classification;
using Microsoft.Extensions.Time.Testing;

namespace Airgap.Analytics.Tests;

public sealed class ClassificationFallsBackWhenTheModelCannotAnswer : IDisposable
{
    private static readonly string[] Categories = ["electrical", "mechanical", "software"];
    private static readonly LabelledExample[] Examples =
    [
        new("breaker tripped on line 4", "electrical"),
        new("bearing noise on pump 2", "mechanical"),
        new("PLC firmware update failed", "software"),
    ];

    private readonly AssistantSite _site = new();

    public void Dispose() => _site.Dispose();

    private TextClassifier Classifier(AnalyticsOptions options) => new(_site.Chat, _site.Embedder, options);

    [Fact]
    public async Task The_model_answers_with_one_of_the_categories()
    {
        var outcome = await Classifier(AssistantSite.Options())
            .ClassifyAsync(new ClassificationRequest(["motor overheats after ten minutes", "screen frozen on HMI 3"], Categories, Examples), default);

        Assert.All(outcome.Results, r => Assert.Equal(ClassificationSource.Llm, r.Source));
        Assert.All(outcome.Results, r => Assert.Contains(r.Category, Categories));
        Assert.Equal(AssistantSite.Model, outcome.Model);
        Assert.Empty(outcome.Notes);
    }

    [Fact]
    public async Task Without_a_configured_model_the_nearest_example_answers()
    {
        var outcome = await Classifier(AssistantSite.Options(o => o with { ClassifyModel = "" }))
            .ClassifyAsync(new ClassificationRequest(["bearing noise on pump 2"], Categories, Examples), default);

        Assert.Equal(new TextClassification("mechanical", ClassificationSource.Embeddings, 1, 1), outcome.Results.Single());
        Assert.Null(outcome.Model);
        Assert.Equal(["no classification model is configured (setting Analytics:ClassifyModel)"], outcome.Notes);
    }

    [Fact]
    public async Task A_model_missing_from_the_registry_falls_back_to_the_examples()
    {
        var outcome = await Classifier(AssistantSite.Options(o => o with { ClassifyModel = "qwen3:0.6b" }))
            .ClassifyAsync(new ClassificationRequest(["PLC firmware update failed", "breaker tripped on line 4"], Categories, Examples), default);

        Assert.Equal(["software", "electrical"], outcome.Results.Select(r => r.Category));
        Assert.All(outcome.Results, r => Assert.Equal(ClassificationSource.Embeddings, r.Source));
        Assert.Equal(["classification model 'qwen3:0.6b' is not in the registry"], outcome.Notes);
    }

    [Fact]
    public async Task A_model_error_on_one_text_leaves_the_others_to_the_model()
    {
        var tooLong = string.Join(' ', Enumerable.Repeat("vibration alarm on conveyor belt", 400));

        var outcome = await Classifier(AssistantSite.Options())
            .ClassifyAsync(new ClassificationRequest(["motor overheats", tooLong], Categories, Examples), default);

        Assert.Equal(ClassificationSource.Llm, outcome.Results[0].Source);
        Assert.NotEqual(ClassificationSource.Llm, outcome.Results[1].Source);
        Assert.Contains(outcome.Notes, n => n.StartsWith("classification model 'tiny:test' failed: the prompt is ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_model_past_its_timeout_falls_back_to_the_examples()
    {
        var silent = new SilentChatClient();
        var clock = new FakeTimeProvider();
        var options = AssistantSite.Options(o => o with { ModelTimeout = TimeSpan.FromSeconds(5) });

        // The timeout runs on a fake clock: the model's five seconds pass when the test says so, the embeddings' never.
        var classifying = new TextClassifier(silent, _site.Embedder, options, clock)
            .ClassifyAsync(new ClassificationRequest(["breaker tripped on line 4"], Categories, Examples), default);
        await silent.Called;
        clock.Advance(TimeSpan.FromSeconds(5));
        var outcome = await classifying;

        Assert.Equal(new TextClassification("electrical", ClassificationSource.Embeddings, 1, 0), outcome.Results.Single());
        Assert.Equal(["classification model 'tiny:test' did not answer within 5 s (setting Analytics:ModelTimeout)"], outcome.Notes);
        Assert.Equal(1, silent.Calls);
    }

    [Fact]
    public async Task Without_examples_a_text_the_model_did_not_answer_is_unknown()
    {
        var outcome = await Classifier(AssistantSite.Options(o => o with { ClassifyModel = "" }))
            .ClassifyAsync(new ClassificationRequest(["breaker tripped"], Categories, []), default);

        Assert.Equal(TextClassification.None, outcome.Results.Single());
        Assert.Contains("no labelled examples to compare with: texts the model did not classify are unknown", outcome.Notes);
    }

    [Fact]
    public async Task When_the_embedding_model_is_unavailable_too_the_answer_is_unknown_and_says_why()
    {
        var options = AssistantSite.Options(o => o with { ClassifyModel = "", EmbeddingModel = "absent-embedder" });

        var outcome = await Classifier(options).ClassifyAsync(new ClassificationRequest(["breaker tripped"], Categories, Examples), default);

        Assert.Equal(TextClassification.None, outcome.Results.Single());
        Assert.Equal(["no classification model is configured (setting Analytics:ClassifyModel)",
            "embedding model 'absent-embedder' is not in the registry: texts the model did not classify are unknown"], outcome.Notes);
    }

    [Fact]
    public async Task A_request_may_ask_for_no_model()
    {
        var outcome = await Classifier(AssistantSite.Options())
            .ClassifyAsync(new ClassificationRequest(["bearing noise on pump 2"], Categories, Examples, Model: ""), default);

        Assert.Equal(ClassificationSource.Embeddings, outcome.Results.Single().Source);
        Assert.Equal(["the request asked for no model (model: \"\")"], outcome.Notes);
    }
}
