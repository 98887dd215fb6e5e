using Airgap.Inference.Chat;
using Airgap.Inference.Embeddings;
using Airgap.Inference.Errors;
using Airgap.Inference.Scheduling;
using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Synthetic;
using Airgap.Models.Validation;
using Microsoft.Extensions.AI;

namespace Airgap.Inference.Tests;

/// <summary>all-minilm goes to ONNX Runtime with no import, GGUF models to the scheduler, and a registered all-minilm wins.</summary>
public sealed class EmbeddingsRouteByModelFormat : IDisposable
{
    private readonly TinyModelSite _site = new();
    private readonly SentenceEncoderCatalog _encoders;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;

    public EmbeddingsRouteByModelFormat()
    {
        _encoders = new SentenceEncoderCatalog(_site.Registry, _site.Home, new InferenceOptions { Threads = 2 });
        _generator = new EmbeddingGeneratorBuilder<string, Embedding<float>>(new AirgapEmbeddingGenerator(_site.Scheduler)).UseSentenceEncoders(_encoders).Build();
    }

    [Theory]
    [InlineData("all-minilm")]
    [InlineData("all-minilm:latest")]
    [InlineData("ALL-MINILM:l6-v2")]
    public async Task The_built_in_model_answers_to_its_names_without_an_import(string name)
    {
        var result = await _generator.GenerateAsync(["first text", "second text"], new EmbeddingGenerationOptions { ModelId = name });

        Assert.Equal(2, result.Count);
        Assert.All(result, e => Assert.Equal(384, e.Vector.Length));
        Assert.Equal("all-minilm:latest", result[0].ModelId);
        Assert.True(result.Usage?.InputTokenCount > 0);
        Assert.Empty(_site.Host.Loaded);
    }

    [Fact]
    public async Task A_gguf_model_still_embeds_through_the_scheduler()
    {
        var result = await _generator.GenerateAsync(["first text"], new EmbeddingGenerationOptions { ModelId = "tiny:test" });

        Assert.Equal(256, result[0].Vector.Length);
        Assert.Single(_site.Host.Loaded);
    }

    [Fact]
    public async Task An_unknown_model_is_still_not_found()
    {
        await Assert.ThrowsAsync<ModelNotFoundException>(() => _generator.GenerateAsync(["x"], new EmbeddingGenerationOptions { ModelId = "absent:model" }));
    }

    [Fact]
    public async Task A_registered_model_named_all_minilm_wins_over_the_built_in()
    {
        var file = Path.Combine(_site.Root, "own.gguf");
        SyntheticModelWriter.Write(file, SyntheticPreset.Tiny);
        await new ModelImporter(_site.Home, _site.Registry, new HeaderValidator()).ImportFileAsync(
            ImportSource.FromFile(file, ModelName.Parse("all-minilm"), SemanticVersion.Parse("1.0.0")), new ImportOptions(AllowUnsigned: true), null, default);

        var result = await _generator.GenerateAsync(["x"], new EmbeddingGenerationOptions { ModelId = "all-minilm" });

        Assert.Equal(256, result[0].Vector.Length);
        Assert.Equal("all-minilm:latest@1.0.0", result[0].ModelId);
    }

    [Fact]
    public async Task More_inputs_than_allowed_are_refused_before_any_work()
    {
        using var encoders = new SentenceEncoderCatalog(_site.Registry, _site.Home, new InferenceOptions { MaxEmbeddingInputs = 2 });
        using var generator = new SentenceEncoderRouting(new AirgapEmbeddingGenerator(_site.Scheduler), encoders);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => generator.GenerateAsync(["a", "b", "c"], new EmbeddingGenerationOptions { ModelId = "all-minilm" }));

        Assert.Equal("input: has 3 inputs, more than the 2 allowed (setting Inference:MaxEmbeddingInputs)", error.Message);
    }

    [Fact]
    public async Task Asking_the_built_in_embedding_model_to_chat_is_a_request_error()
    {
        var chat = new AirgapChatClient(_site.Scheduler, "all-minilm");

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => chat.GetResponseAsync("hello"));

        Assert.Equal("model", error.Field);
        Assert.Equal("model: all-minilm is an embedding model; it cannot chat or generate text", error.Message);
        Assert.Empty(_site.Host.Loaded);
    }

    [Fact]
    public async Task An_imported_onnx_model_with_its_vocabulary_embeds_as_the_built_in_does()
    {
        await ImportOnnxAsync("minilm-copy:v1", withVocabulary: true);

        var copy = await _generator.GenerateAsync(["the pump is overheating"], new EmbeddingGenerationOptions { ModelId = "minilm-copy:v1" });
        var builtIn = await _generator.GenerateAsync(["the pump is overheating"], new EmbeddingGenerationOptions { ModelId = "all-minilm" });

        Assert.Equal("minilm-copy:v1@1.0.0", copy[0].ModelId);
        for (var d = 0; d < 384; d++) Assert.Equal(builtIn[0].Vector.Span[d], copy[0].Vector.Span[d], 5);
        Assert.Empty(_site.Host.Loaded);
    }

    [Fact]
    public async Task An_imported_onnx_model_without_a_vocabulary_is_refused_with_the_reason()
    {
        await ImportOnnxAsync("minilm-bare:v1", withVocabulary: false);

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => _generator.GenerateAsync(["x"], new EmbeddingGenerationOptions { ModelId = "minilm-bare:v1" }));

        Assert.Equal("model 'minilm-bare:v1@1.0.0' failed to load: an ONNX sentence-embedding model needs a vocab.txt (WordPiece vocabulary) in its pack", error.Message);
    }

    [Fact]
    public async Task Asking_an_imported_onnx_model_to_chat_is_a_request_error()
    {
        await ImportOnnxAsync("minilm-copy:v1", withVocabulary: true);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => new AirgapChatClient(_site.Scheduler, "minilm-copy:v1").GetResponseAsync("hello"));

        Assert.Equal("model: minilm-copy:v1 is an embedding model; it cannot chat or generate text", error.Message);
    }

    private async Task ImportOnnxAsync(string name, bool withVocabulary)
    {
        var model = Path.Combine(_site.Root, "model.onnx");
        var vocabulary = Path.Combine(_site.Root, "vocab.txt");
        if (!File.Exists(model)) await File.WriteAllBytesAsync(model, Engines.Onnx.MiniLmPackage.ReadModel());
        using (var reader = Engines.Onnx.MiniLmPackage.OpenVocabulary()) await File.WriteAllTextAsync(vocabulary, await reader.ReadToEndAsync());
        List<ImportFile> files = [new(model, "model.onnx", null, null)];
        if (withVocabulary) files.Add(new(vocabulary, "vocab.txt", null, null));
        var source = new ImportSource(ModelName.Parse(name), SemanticVersion.Parse("1.0.0"), "onnx", files, null, null, null, _site.Root);
        await new ModelImporter(_site.Home, _site.Registry, new HeaderValidator()).ImportFileAsync(source, new ImportOptions(AllowUnsigned: true), null, default);
    }

    public void Dispose()
    {
        _generator.Dispose();
        _encoders.Dispose();
        _site.Dispose();
    }
}
