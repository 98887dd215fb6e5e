// Airgap embedded in an application (Pattern 1): no server, the same engine in-process through
// Microsoft.Extensions.AI. Usage: dotnet run --project samples/EmbeddedChat -- [--home DIR] MODEL "question"
using Airgap.Inference;
using Microsoft.Extensions.AI;

var home = args.Length > 1 && args[0] == "--home" ? args[1] : null;
var rest = home is null ? args : args[2..];
if (rest.Length < 2)
{
    Console.Error.WriteLine("usage: EmbeddedChat [--home DIR] MODEL \"question\"");
    return 2;
}

using var engine = AirgapEngine.Open(home);
IChatClient chat = engine.ChatClient(rest[0]);

List<ChatMessage> conversation =
[
    new(ChatRole.System, "You are a concise assistant for laboratory staff."),
    new(ChatRole.User, rest[1]),
];
await foreach (var update in chat.GetStreamingResponseAsync(conversation, new ChatOptions { MaxOutputTokens = 128 }))
    Console.Write(update.Text);
Console.WriteLine();

var embeddings = engine.EmbeddingGenerator(rest[0]);
var vector = await embeddings.GenerateVectorAsync(rest[1]);
Console.WriteLine($"(question embedded as {vector.Length} dimensions)");
return 0;
