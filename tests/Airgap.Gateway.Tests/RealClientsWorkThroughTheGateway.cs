using System.ClientModel;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OpenAI;
using OpenAI.Chat;

namespace Airgap.Gateway.Tests;

public sealed class RealClientsWorkThroughTheGateway
{
    [Fact]
    public async Task OllamaSharp_and_the_OpenAI_SDK_list_the_workers_model_and_chat_with_it_through_the_gateway()
    {
        using var nats = await NatsServer.StartAsync();
        await using var site = await GatewaySite.StartAsync(nats);
        await site.StartWorkerAsync();
        await site.WaitForWorkersAsync(1);
        var ollama = new OllamaApiClient(new HttpClient { BaseAddress = site.Client.BaseAddress, Timeout = TimeSpan.FromMinutes(2) }, GatewaySite.Model);
        var openAi = new OpenAIClient(new ApiKeyCredential("not-needed-on-loopback"),
            new OpenAIClientOptions { Endpoint = new Uri(site.Client.BaseAddress!, "/v1"), NetworkTimeout = TimeSpan.FromMinutes(2) });

        // The gateway's own registry is empty: the model is listed because a worker serves it.
        var listed = (await ollama.ListLocalModelsAsync()).ToList();
        var tiny = Assert.Single(listed, m => m.Name == GatewaySite.Model);
        Assert.Equal("F16", tiny.Details.QuantizationLevel);
        Assert.Equal("llama", tiny.Details.Family);
        Assert.Contains(GatewaySite.Model, (await openAi.GetOpenAIModelClient().GetModelsAsync()).Value.Select(m => m.Id));

        IChatClient chat = ollama;
        var answer = await chat.GetResponseAsync("Pressure on line 3?", new ChatOptions { MaxOutputTokens = 6, Temperature = 0 });
        Assert.NotEmpty(answer.Text);
        var completion = (await openAi.GetChatClient(GatewaySite.Model).CompleteChatAsync([new UserChatMessage("Pressure on line 3?")],
            new ChatCompletionOptions { MaxOutputTokenCount = 6, Temperature = 0 })).Value;
        Assert.Equal(6, completion.Usage.OutputTokenCount);
        Assert.Equal(OpenAI.Chat.ChatFinishReason.Length, completion.FinishReason);
    }
}
