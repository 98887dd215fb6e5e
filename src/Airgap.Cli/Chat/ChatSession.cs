using System.Text;
using Airgap.Cli.Output;
using Airgap.Server.Ollama;

namespace Airgap.Cli.Chat;

/// <summary>
/// `airgap run`'s conversation, as Ollama's `ollama run` holds it: the messages of every turn go with the next one;
/// each answer streams as it comes; Ctrl+C stops the answer, not the session.
/// </summary>
public sealed class ChatSession(IChatTarget target, ChatSettings settings)
{
    private const string Fence = "\"\"\"";
    private readonly List<OllamaMessage> _history = [];
    private CancellationTokenSource? _answering;

    /// <summary>Answers one prompt and returns the exit code.</summary>
    public async Task<int> AnswerOnceAsync(string prompt, CancellationToken cancellationToken)
    {
        using var interrupt = new ConsoleInterrupt(this, chatting: false);
        return await TurnAsync(prompt, cancellationToken) ? 0 : 1;
    }

    /// <summary>Reads messages from <paramref name="input"/> until /bye or its end; returns the exit code.</summary>
    public async Task<int> ChatAsync(TextReader input, bool showPrompt, CancellationToken cancellationToken)
    {
        using var interrupt = new ConsoleInterrupt(this, chatting: true);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (showPrompt) Console.Out.Write(">>> ");
            var line = await input.ReadLineAsync(cancellationToken);
            if (line is null) break;
            if (line.StartsWith(Fence, StringComparison.Ordinal))
            {
                line = await MultiLineAsync(line[Fence.Length..], input, showPrompt, cancellationToken);
                if (line is null) break;
            }
            else if (line.TrimStart().StartsWith('/'))
            {
                if (!Command(line.Trim())) break;
                continue;
            }
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                await TurnAsync(line, cancellationToken);
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                // One answer that failed (a full queue, a model that would not load) ends that turn, not the conversation.
                Console.Error.WriteLine($"error: {e.Message}");
            }
            if (showPrompt) Console.Out.WriteLine();
        }
        return 0;
    }

    // Ollama's multi-line message: """ opens it, a line ending in """ closes it; the fences are not part of the text.
    private static async Task<string?> MultiLineAsync(string first, TextReader input, bool showPrompt, CancellationToken cancellationToken)
    {
        if (first.EndsWith(Fence, StringComparison.Ordinal) && first.Length >= Fence.Length) return first[..^Fence.Length];
        var lines = new List<string>();
        if (first.Length > 0) lines.Add(first);
        while (true)
        {
            if (showPrompt) Console.Out.Write("... ");
            var line = await input.ReadLineAsync(cancellationToken);
            if (line is null) return lines.Count == 0 ? null : string.Join('\n', lines);
            if (line.EndsWith(Fence, StringComparison.Ordinal))
            {
                if (line.Length > Fence.Length) lines.Add(line[..^Fence.Length]);
                return string.Join('\n', lines);
            }
            lines.Add(line);
        }
    }

    // False when the session ends.
    private bool Command(string line)
    {
        var word = line.Split(' ', 2)[0];
        switch (word)
        {
            case "/bye" or "/exit":
                return false;
            case "/clear":
                _history.Clear();
                CliOutput.Line("Cleared session context");
                return true;
            case "/?" or "/help":
                CliOutput.Line(""""
                    Available Commands:
                      /clear          Clear session context
                      /bye            Exit
                      /?, /help       Help for a command

                    Use """ to begin a multi-line message.
                    Ctrl+C stops an answer; Ctrl+D (end of input) or /bye leaves.
                    """");
                return true;
            default:
                CliOutput.Line($"Unknown command '{word}'. Type /? for help");
                return true;
        }
    }

    // One question and its answer; the pair joins the history only when the answer came whole.
    private async Task<bool> TurnAsync(string prompt, CancellationToken cancellationToken)
    {
        var messages = new List<OllamaMessage>();
        if (settings.System is { } system) messages.Add(new("system", system));
        messages.AddRange(_history);
        messages.Add(new("user", prompt));
        var request = new OllamaChatRequest(settings.Model, messages, null, settings.Format, settings.Options.Count > 0 ? settings.Options : null, true, null, null);

        using var answering = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _answering = answering;
        var text = new StringBuilder();
        OllamaResponse? last = null;
        try
        {
            await foreach (var line in target.ChatAsync(request, answering.Token))
            {
                var piece = line.Message?.Content ?? line.Response ?? "";
                text.Append(piece);
                last = line;
                if (!settings.Json && piece.Length > 0)
                {
                    Console.Out.Write(piece);
                    Console.Out.Flush();
                }
            }
        }
        catch (OperationCanceledException) when (answering.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            if (!settings.Json) Console.Out.WriteLine();
            Console.Error.WriteLine("(answer stopped)");
            return false;
        }
        finally
        {
            _answering = null;
        }
        var whole = (last ?? new OllamaResponse { Model = settings.Model, CreatedAt = DateTimeOffset.UtcNow, Done = true }) with { Message = new("assistant", text.ToString()) };
        if (settings.Json) CliOutput.WriteJson(whole);
        else Console.Out.WriteLine();
        if (settings.Verbose) Statistics(whole);
        _history.Add(new("user", prompt));
        _history.Add(new("assistant", text.ToString()));
        return true;
    }

    private static void Statistics(OllamaResponse r)
    {
        static string Rate(int? count, long? nanos) => nanos is > 0 ? $"{count * 1e9 / nanos:0.00} tokens/s" : "n/a";
        Console.Error.WriteLine($"total duration:       {TimeSpan.FromTicks((r.TotalDuration ?? 0) / 100).TotalSeconds:0.000}s");
        Console.Error.WriteLine($"load duration:        {TimeSpan.FromTicks((r.LoadDuration ?? 0) / 100).TotalSeconds:0.000}s");
        Console.Error.WriteLine($"prompt eval count:    {r.PromptEvalCount} token(s)");
        Console.Error.WriteLine($"prompt eval rate:     {Rate(r.PromptEvalCount, r.PromptEvalDuration)}");
        Console.Error.WriteLine($"eval count:           {r.EvalCount} token(s)");
        Console.Error.WriteLine($"eval rate:            {Rate(r.EvalCount, r.EvalDuration)}");
    }

    /// <summary>Ctrl+C while an answer streams stops that answer; at a chat's prompt it says how to leave; otherwise it ends the process.</summary>
    private sealed class ConsoleInterrupt : IDisposable
    {
        private readonly ChatSession _session;
        private readonly bool _chatting;

        public ConsoleInterrupt(ChatSession session, bool chatting)
        {
            (_session, _chatting) = (session, chatting);
            Console.CancelKeyPress += OnCancel;
        }

        private void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            if (_session._answering is { } answering)
            {
                e.Cancel = true;
                answering.Cancel();
            }
            else if (_chatting)
            {
                e.Cancel = true;
                Console.Error.WriteLine("Use Ctrl + d or /bye to exit.");
            }
        }

        public void Dispose() => Console.CancelKeyPress -= OnCancel;
    }
}
