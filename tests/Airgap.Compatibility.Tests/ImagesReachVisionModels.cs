using System.ClientModel;
using System.Net;
using System.Text.Json;
using System.Text;
using Airgap.Tests.Shared;
using OllamaSharp;
using OpenAI.Chat;
using OpenAI;

namespace Airgap.Compatibility.Tests;

public sealed class ImagesReachVisionModels(VisionServer server) : IClassFixture<VisionServer>
{
    private static readonly string Image = Convert.ToBase64String(TestImages.RedSquareOnBlue());
    private static readonly string DataUrl = "data:image/png;base64," + Image;

    private async Task<(HttpStatusCode Status, JsonElement Body)> Post(string path, string body)
    {
        var response = await server.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement);
    }

    private static string OllamaChat(string model, string image) =>
        $$$"""{"model":"{{{model}}}","stream":false,"options":{"num_predict":6,"temperature":0},"messages":[{"role":"user","content":"What is this?","images":["{{{image}}}"]}]}""";

    private static string OpenAiChat(string model, string url) =>
        $$$"""{"model":"{{{model}}}","max_tokens":6,"temperature":0,"messages":[{"role":"user","content":[{"type":"text","text":"What is this?"},{"type":"image_url","image_url":{"url":"{{{url}}}"}}]}]}""";

    [Fact]
    public async Task Ollama_chat_and_generate_show_base64_images_to_a_vision_model()
    {
        var (status, chat) = await Post("/api/chat", OllamaChat("smol:test", Image));
        Assert.True(status == HttpStatusCode.OK, chat.ToString());
        Assert.InRange(chat.GetProperty("eval_count").GetInt32(), 1, 6);
        Assert.True(chat.GetProperty("prompt_eval_count").GetInt32() > 20, "the image's embeddings count as prompt positions");

        var (generateStatus, generate) = await Post("/api/generate",
            $$$"""{"model":"smol:test","stream":false,"prompt":"Describe it","images":["{{{Image}}}"],"options":{"num_predict":6}}""");
        Assert.True(generateStatus == HttpStatusCode.OK, generate.ToString());
        Assert.InRange(generate.GetProperty("eval_count").GetInt32(), 1, 6);
    }

    [Fact]
    public async Task Show_lists_vision_among_the_capabilities_of_a_model_with_a_projector_only()
    {
        var (_, smol) = await Post("/api/show", """{"model":"smol:test"}""");
        var (_, tiny) = await Post("/api/show", """{"model":"tiny:test"}""");

        Assert.Contains("vision", smol.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        Assert.DoesNotContain("vision", tiny.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task OpenAi_chat_shows_a_data_url_image_part_to_a_vision_model()
    {
        var (status, body) = await Post("/v1/chat/completions", OpenAiChat("smol:test", DataUrl));

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.InRange(body.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), 1, 6);
        Assert.True(body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32() > 20);
    }

    [Fact]
    public async Task A_model_without_a_projector_answers_400_naming_the_model_in_both_dialects()
    {
        var (ollamaStatus, ollama) = await Post("/api/chat", OllamaChat("tiny:test", Image));
        Assert.Equal(HttpStatusCode.BadRequest, ollamaStatus);
        Assert.Equal("model 'tiny:test@1.0.0' cannot see images: it has no vision projector (mmproj); send text only, or use a vision-language model",
            ollama.GetProperty("error").GetString());

        var (openAiStatus, openAi) = await Post("/v1/chat/completions", OpenAiChat("tiny:test", DataUrl));
        Assert.Equal(HttpStatusCode.BadRequest, openAiStatus);
        var error = openAi.GetProperty("error");
        Assert.Contains("'tiny:test@1.0.0' cannot see images", error.GetProperty("message").GetString());
        Assert.Equal("model", error.GetProperty("param").GetString());
        Assert.Equal("model_cannot_see_images", error.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("https://example.com/cat.png", "must be a data: URL")]
    [InlineData("file:///etc/passwd", "must be a data: URL")]
    [InlineData("data:text/plain;base64,aGk=", "is a data: URL of text/plain")]
    [InlineData("data:image/png,notbase64", "must be a base64 data: URL")]
    [InlineData("data:image/png;base64,***", "is not valid base64")]
    public async Task An_image_url_that_is_not_a_base64_image_data_url_is_a_400_naming_the_field(string url, string problem)
    {
        var (status, body) = await Post("/v1/chat/completions", OpenAiChat("smol:test", url));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body.GetProperty("error");
        Assert.Equal("messages[0].content[1].image_url.url", error.GetProperty("param").GetString());
        Assert.Contains(problem, error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_truncated_image_is_a_400_naming_where_it_was_sent()
    {
        var png = TestImages.RedSquareOnBlue();
        var truncated = Convert.ToBase64String(png.AsSpan(0, png.Length / 2));

        var (ollamaStatus, ollama) = await Post("/api/chat", OllamaChat("smol:test", truncated));
        Assert.Equal(HttpStatusCode.BadRequest, ollamaStatus);
        Assert.StartsWith("messages[0].images[0]: image could not be decoded (truncated or damaged?)", ollama.GetProperty("error").GetString());

        var (openAiStatus, openAi) = await Post("/v1/chat/completions", OpenAiChat("smol:test", "data:image/png;base64," + truncated));
        Assert.Equal(HttpStatusCode.BadRequest, openAiStatus);
        Assert.Equal("messages[0].content[1].image_url.url", openAi.GetProperty("error").GetProperty("param").GetString());

        var (notBase64, error) = await Post("/api/generate", """{"model":"smol:test","prompt":"x","images":["%%%"]}""");
        Assert.Equal(HttpStatusCode.BadRequest, notBase64);
        Assert.Equal("images[0]: is not valid base64", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task OllamaSharp_and_the_OpenAI_SDK_send_images_unchanged()
    {
        var ollama = new OllamaApiClient(new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) }, "smol:test");
        var chat = new Chat(ollama) { Options = new OllamaSharp.Models.RequestOptions { NumPredict = 4, Temperature = 0 } };
        var answer = new StringBuilder();
        await foreach (var token in chat.SendAsync("What is this?", [Image])) answer.Append(token);
        Assert.NotEmpty(answer.ToString());

        var openAi = new OpenAIClient(new ApiKeyCredential("not-needed-on-loopback"),
            new OpenAIClientOptions { Endpoint = new Uri(server.BaseAddress, "/v1"), NetworkTimeout = TimeSpan.FromMinutes(2) });
        var completion = (await openAi.GetChatClient("smol:test").CompleteChatAsync(
            [new UserChatMessage(ChatMessageContentPart.CreateTextPart("What is this?"),
                ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(TestImages.RedSquareOnBlue()), "image/png"))],
            new ChatCompletionOptions { MaxOutputTokenCount = 4, Temperature = 0 })).Value;
        Assert.InRange(completion.Usage.OutputTokenCount, 1, 4);
    }
}
