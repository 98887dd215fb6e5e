using Airgap.Inference.Hosting;
using Airgap.Inference.Scheduling;
using Airgap.Models.Synthetic;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Airgap.Inference.Tests;

public sealed class AddAirgapRegistersTheClients : IDisposable
{
    private readonly TinyModelSite _site = new();

    public void Dispose() => _site.Dispose();

    private ServiceProvider Provider(Action<AirgapEngineOptions> configure, Action<AirgapBuilder>? pipeline = null)
    {
        var services = new ServiceCollection();
        var airgap = services.AddAirgap(options =>
        {
            options.Home = _site.Home.Root;
            options.Inference = new InferenceOptions { ContextLength = 512, Threads = 2 };
            configure(options);
        });
        pipeline?.Invoke(airgap);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task The_chat_client_and_the_embedding_generator_answer_from_the_named_models()
    {
        await using var provider = Provider(o => (o.ChatModel, o.EmbeddingModel) = ("tiny:test", "tiny:test"));
        var chat = provider.GetRequiredService<IChatClient>();
        var embeddings = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "pump pressure")],
            new ChatOptions { MaxOutputTokens = 4, Temperature = 0 });
        var vector = await embeddings.GenerateVectorAsync("pump pressure");

        Assert.Equal(4, response.Usage?.OutputTokenCount);
        Assert.Equal(SyntheticPreset.Tiny.EmbeddingLength, vector.Length);
        Assert.Same(provider.GetRequiredService<AirgapEngine>(), provider.GetRequiredService<AirgapEngine>());
    }

    [Fact]
    public async Task Middleware_added_to_the_builders_wraps_the_registered_clients()
    {
        var seen = new List<string>();
        await using var provider = Provider(o => (o.ChatModel, o.EmbeddingModel) = ("tiny:test", "all-minilm"), airgap =>
        {
            airgap.ChatClient.Use((messages, options, next, cancellationToken) => { seen.Add("chat"); return next(messages, options, cancellationToken); });
            airgap.EmbeddingGenerator.Use((values, options, inner, cancellationToken) => { seen.Add("embed"); return inner.GenerateAsync(values, options, cancellationToken); });
        });

        await provider.GetRequiredService<IChatClient>().GetResponseAsync("hello", new ChatOptions { MaxOutputTokens = 2 });
        var vector = await provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateVectorAsync("hello");

        Assert.Equal(["chat", "embed"], seen);
        Assert.Equal(384, vector.Length); // all-minilm, built in: no import needed
    }

    [Fact]
    public async Task Resolving_a_client_whose_model_was_not_named_says_which_setting_is_missing()
    {
        await using var provider = Provider(o => o.ChatModel = "tiny:test");

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());

        Assert.Contains("AirgapEngineOptions.EmbeddingModel", error.Message);
        Assert.NotNull(provider.GetRequiredService<IChatClient>());
    }

    [Fact]
    public async Task Disposing_the_container_unloads_the_engines_models()
    {
        var provider = Provider(o => o.ChatModel = "tiny:test");
        var engine = provider.GetRequiredService<AirgapEngine>();
        await provider.GetRequiredService<IChatClient>().GetResponseAsync("hi", new ChatOptions { MaxOutputTokens = 1 });
        Assert.NotEmpty(engine.Host.Loaded);

        await provider.DisposeAsync();

        Assert.Empty(engine.Host.Loaded);
    }
}
