using Airgap.Inference.Chat;
using Airgap.Inference.Errors;
using Airgap.Inference.Generation;
using Airgap.Inference.Scheduling;
using Airgap.Inference.Vision;
using Airgap.Tests.Shared;
using Microsoft.Extensions.AI;

namespace Airgap.Inference.Tests;

public sealed class VisionModelsSeeImages : IDisposable
{
    private readonly VisionModelSite _site = new();
    private readonly IChatClient _chat;

    public VisionModelsSeeImages() => _chat = new AirgapChatClient(_site.Scheduler);

    public void Dispose() => _site.Dispose();

    private static ChatMessage Question(byte[] image, string text = "What is in this picture?") =>
        new(ChatRole.User, [new DataContent(image, "image/png"), new TextContent(text)]);

    private static ChatOptions Options(string model, int tokens = 8) => new() { ModelId = model, Temperature = 0, MaxOutputTokens = tokens };

    [Fact]
    public async Task A_vision_model_generates_from_a_prompt_with_an_image()
    {
        var response = await _chat.GetResponseAsync([Question(TestImages.RedSquareOnBlue())], Options("smol:test"));

        var usage = response.Usage!;
        Assert.InRange(usage.OutputTokenCount ?? 0, 1, 8);
        // The 48 × 40 image is tiled 2 × 2 plus an overview, 4 embeddings each, around the text of the question.
        Assert.True(usage.InputTokenCount > 20, $"the prompt had {usage.InputTokenCount} positions");
    }

    [Fact]
    public async Task Image_prompts_and_text_prompts_share_the_model_and_its_slots()
    {
        var image = _chat.GetResponseAsync([Question(TestImages.RedSquareOnBlue(), "First")], Options("smol:test", 16));
        var text = _chat.GetResponseAsync([new ChatMessage(ChatRole.User, "Only words here")], Options("smol:test", 16));
        var other = _chat.GetResponseAsync([Question(TestImages.RedSquareOnBlue(64, 64), "Second")], Options("smol:test", 16));

        foreach (var response in await Task.WhenAll(image, text, other))
            Assert.InRange(response.Usage!.OutputTokenCount ?? 0, 1, 16);
        var again = await _chat.GetResponseAsync([Question(TestImages.RedSquareOnBlue(), "First")], Options("smol:test", 16));
        Assert.Equal((await image).Text, again.Text);
    }

    [Fact]
    public async Task A_model_without_a_projector_refuses_an_image_naming_the_model()
    {
        var error = await Assert.ThrowsAsync<ModelCannotSeeImagesException>(() =>
            _chat.GetResponseAsync([Question(TestImages.RedSquareOnBlue())], Options("tiny:test")));

        Assert.Equal("model 'tiny:test@1.0.0' cannot see images: it has no vision projector (mmproj); send text only, or use a vision-language model", error.Message);
    }

    [Fact]
    public async Task A_truncated_image_is_refused_before_any_model_is_asked()
    {
        var png = TestImages.RedSquareOnBlue();
        var truncated = new DataContent(png.AsMemory(0, png.Length / 2), "image/png") { AdditionalProperties = new() { [AirgapChatProperties.Field] = "images[0]" } };

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            _chat.GetResponseAsync([new ChatMessage(ChatRole.User, [truncated, new TextContent("hm?")])], Options("smol:test")));

        Assert.Equal("images[0]", error.Field);
        Assert.StartsWith("images[0]: image could not be decoded (truncated or damaged?)", error.Message);
        Assert.Empty(_site.Host.Loaded);
    }

    [Fact]
    public void Bad_images_are_refused_by_count_size_kind_and_marker()
    {
        var site = new InferenceOptions { MaxImagesPerRequest = 1, MaxImagePixels = 1000 };
        Assert.Equal("messages[0]: is image 2; a request may show at most 1 (setting Inference:MaxImagesPerRequest)",
            Assert.Throws<InvalidRequestException>(() => ChatImages.Decode([new ChatMessage(ChatRole.User,
                [new DataContent(TestImages.RedSquareOnBlue(10, 10), "image/png"), new DataContent(TestImages.RedSquareOnBlue(10, 10), "image/png")])], site)).Message);
        Assert.Equal("messages[0]: image is 48 × 40 pixels, more than 1,000 (setting Inference:MaxImagePixels)",
            Assert.Throws<InvalidRequestException>(() => ChatImages.Decode([Question(TestImages.RedSquareOnBlue())], site)).Message);
        Assert.Equal("messages[0]: image is not an image this server reads (PNG, JPEG, BMP, GIF, TGA, TIFF, WebP, PBM)",
            Assert.Throws<InvalidRequestException>(() => ChatImages.Decode([new ChatMessage(ChatRole.User, [new DataContent("not a picture"u8.ToArray(), "image/png")])], site)).Message);
        Assert.StartsWith("messages[0]: is audio/wav",
            Assert.Throws<InvalidRequestException>(() => ChatImages.Decode([new ChatMessage(ChatRole.User, [new DataContent(new byte[4], "audio/wav")])], site)).Message);
        Assert.StartsWith("messages: a text holds <__media__>",
            Assert.Throws<InvalidRequestException>(() => ChatImages.Decode([Question(TestImages.RedSquareOnBlue(10, 10), "see " + PromptImage.Marker)], site)).Message);
        Assert.Empty(_site.Host.Loaded);
    }

    [Fact]
    public async Task An_image_bomb_is_refused_from_its_header_before_a_pixel_is_decoded()
    {
        var bomb = TestImages.Bomb(TestImages.RedSquareOnBlue(8, 8), 20_000, 20_000);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            _chat.GetResponseAsync([Question(bomb)], Options("smol:test")));

        Assert.Equal("messages[0]: image is 20000 × 20000 pixels, more than 40,000,000 (setting Inference:MaxImagePixels)", error.Message);
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 64 << 20, "the refusal decoded pixels");
    }

    [Fact]
    public async Task A_large_image_is_scaled_down_before_the_projector_sees_it()
    {
        Assert.True(PromptImage.TryDecode(TestImages.RedSquareOnBlue(4096, 1024), 40_000_000, out var image, out _));
        Assert.Equal((PromptImage.MaxEdge, PromptImage.MaxEdge / 4), (image!.Width, image.Height));
        Assert.Equal(image.Width * image.Height * 3, image.Rgb.Length);

        var stream = await _site.Scheduler.GenerateAsync(new GenerationRequest("smol:test", PromptImage.Marker + "\nWhat?", new GenerationOptions { MaxTokens = 4 })
            { Images = [image] }, default);
        await foreach (var e in stream.Events)
            if (e.IsFinal) Assert.True(e.Done is DoneReason.Length or DoneReason.Stop, $"{e.Done}: {e.Error}");
    }
}
