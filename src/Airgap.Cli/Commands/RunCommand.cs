using System.CommandLine;
using System.Text.Json;
using Airgap.Cli.Chat;
using Airgap.Cli.Output;
using Airgap.Inference;
using Airgap.Server.Hosting;

namespace Airgap.Cli.Commands;

/// <summary>
/// `airgap run MODEL [PROMPT]`: one streamed answer when a prompt is given or piped in, otherwise a chat; through a
/// running server when one answers at --url, else with the engine in this process.
/// </summary>
public static class RunCommand
{
    public const string Name = "run";

    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "NAME:TAG or NAME:TAG@X.Y.Z" }.RefusingOptions();
        var prompt = new Argument<string[]>("PROMPT") { Description = "The message; without it (and nothing piped in) a chat starts", Arity = ArgumentArity.ZeroOrMore }.RefusingOptions();
        var connection = new ServerConnectionOptions($"The server to talk to (default: $AIRGAP_URL, else the Urls a server on this data home is set to listen on, else {ServerClient.DefaultUrl}); when none answers, the model runs in this process");
        var system = new Option<string?>("--system") { Description = "A system message before the conversation" };
        var temperature = new Option<double?>("--temperature") { Description = "Sampling temperature (0 = greedy)" };
        var numPredict = new Option<int?>("--num-predict", "--max-tokens") { Description = "The most tokens an answer may have" };
        var numCtx = new Option<int?>("--num-ctx") { Description = "Context length for this conversation" };
        var seed = new Option<int?>("--seed") { Description = "Sampling seed, for repeatable answers" };
        var format = new Option<string?>("--format") { Description = "'json' for a JSON answer" };
        format.AcceptOnlyFromAmong("json");
        var interactive = new Option<bool>("--interactive", "-i") { Description = "Chat even when input is piped in (messages are read line by line)" };
        var verbose = new Option<bool>("--verbose") { Description = "Print timings and token rates after each answer (stderr)" };
        var json = new Option<bool>("--json") { Description = "Print each final response object as JSON instead of streaming text" };
        var command = new Command(Name, "Chat with a model, or answer one prompt, streaming tokens as they come")
            { model, prompt, system, temperature, numPredict, numCtx, seed, format, interactive, verbose, json };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliOutput.Guard(async () =>
        {
            var options = new Dictionary<string, JsonElement>();
            void Set<T>(string key, T? value) where T : struct
            {
                if (value is { } v) options[key] = JsonSerializer.SerializeToElement(v);
            }
            Set("temperature", parse.GetValue(temperature));
            Set("num_predict", parse.GetValue(numPredict));
            Set("num_ctx", parse.GetValue(numCtx));
            Set("seed", parse.GetValue(seed));
            var settings = new ChatSettings(parse.GetValue(model)!, parse.GetValue(system), options,
                parse.GetValue(format) is { } f ? JsonSerializer.SerializeToElement(f) : null, parse.GetValue(json), parse.GetValue(verbose));

            var words = parse.GetValue(prompt) ?? [];
            var chat = parse.GetValue(interactive) || (words.Length == 0 && !Console.IsInputRedirected);
            string? once = null;
            if (!chat)
            {
                // Piped text is read only without a prompt: a prompt never waits on a stdin nobody closes.
                once = words.Length > 0 ? string.Join(' ', words) : await Console.In.ReadToEndAsync(cancellationToken);
                if (string.IsNullOrWhiteSpace(once)) throw new ArgumentException("nothing to answer: give a prompt, pipe one in, or run without input to chat");
            }

            using var target = await ConnectAsync(parse, connection.Resolve(parse), settings.Model, cancellationToken);
            var session = new ChatSession(target, settings);
            return once is not null
                ? await session.AnswerOnceAsync(once.TrimEnd('\n', '\r'), cancellationToken)
                : await session.ChatAsync(Console.In, showPrompt: !Console.IsInputRedirected, cancellationToken);
        }));
        return command;
    }

    private static async Task<IChatTarget> ConnectAsync(ParseResult parse, ServerConnection connection, string model, CancellationToken cancellationToken)
    {
        var server = new ServerClient(connection);
        if (await server.AnswersAsync(cancellationToken)) return new RemoteChatTarget(server);
        server.Dispose();
        var site = CliSite.Open(parse);
        site.Registry.Resolve(model); // a model that is not here is one line now, before llama.cpp is loaded
        // One person at a terminal: one sequence, so the KV cache is one context's worth, not a server's num_parallel.
        var inference = AirgapConfiguration.Load(site.Home, new Dictionary<string, string?>(), new Dictionary<string, string>()).Inference with { Parallel = 1 };
        Console.Error.WriteLine($"no server answers at {server.Url}; running {model} in this process (data home {site.Home.Root})");
        return new LocalChatTarget(AirgapEngine.Open(site.Home.Root, inference), inference);
    }
}
