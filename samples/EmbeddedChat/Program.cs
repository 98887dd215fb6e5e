// Airgap embedded in an application (Pattern 1): no server, the same engine in-process through
// Microsoft.Extensions.AI, from the Airgap.Inference package. Pack it first, then run:
//   dotnet pack src/Airgap.Inference -c Release -o artifacts/packages
//   dotnet run --project samples/EmbeddedChat -- [--home DIR] MODEL "question"
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var home = args.Length > 1 && args[0] == "--home" ? args[1] : null;
var rest = home is null ? args : args[2..];
if (rest.Length < 2)
{
    Console.Error.WriteLine("usage: EmbeddedChat [--home DIR] MODEL \"question\"");
    return 2;
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning); // the engine's load messages would break into the answer
builder.Services.AddAirgap(airgap =>
{
    airgap.Home = home;
    airgap.ChatModel = rest[0];
    airgap.EmbeddingModel = rest[0];
});
using var app = builder.Build();

var chat = app.Services.GetRequiredService<IChatClient>();
List<ChatMessage> conversation =
[
    new(ChatRole.System, "You are a concise assistant for laboratory staff."),
    new(ChatRole.User, rest[1]),
];
await foreach (var update in chat.GetStreamingResponseAsync(conversation, new ChatOptions { MaxOutputTokens = 128 }))
    Console.Write(update.Text);
Console.WriteLine();

var embeddings = app.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
var vector = await embeddings.GenerateVectorAsync(rest[1]);
Console.WriteLine($"(question embedded as {vector.Length} dimensions)");
return 0;
