using System.Net;
using System.Text;
using System.Text.Json;

namespace Airgap.Cli.Tests;

/// <summary>
/// The chat of `airgap run`, driven through stdin against a server that records what it is sent and answers with
/// what it saw, so the messages of each turn (history, multi-line text) can be read back exactly.
/// </summary>
public sealed class RunKeepsTheConversation : IAsyncLifetime, IDisposable
{
    private readonly AirgapProcess _airgap = new();
    private readonly HttpListener _listener = new();
    private readonly List<JsonElement> _requests = [];
    private string _url = "";
    private Task _serving = Task.CompletedTask;

    public Task InitializeAsync()
    {
        var port = ServeProcess.FreePort();
        _url = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(_url + "/");
        _listener.Start();
        _serving = ServeAsync();
        return Task.CompletedTask;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            using var response = context.Response;
            if (context.Request.Url!.AbsolutePath != "/api/chat")
            {
                response.StatusCode = 200;
                continue;
            }
            var body = JsonDocument.Parse(await new StreamReader(context.Request.InputStream).ReadToEndAsync()).RootElement.Clone();
            lock (_requests) _requests.Add(body);
            var messages = body.GetProperty("messages");
            var last = messages[messages.GetArrayLength() - 1].GetProperty("content").GetString()!;
            var lines = new StringBuilder();
            foreach (var piece in new[] { $"{messages.GetArrayLength()} message(s), ", $"last: {last.Replace("\n", "|")}" })
                lines.Append(JsonSerializer.Serialize(new { model = "tiny:test", created_at = DateTimeOffset.UtcNow, message = new { role = "assistant", content = piece }, done = false })).Append('\n');
            lines.Append(JsonSerializer.Serialize(new { model = "tiny:test", created_at = DateTimeOffset.UtcNow, message = new { role = "assistant", content = "" }, done = true, done_reason = "stop", eval_count = 2 })).Append('\n');
            response.ContentType = "application/x-ndjson";
            await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(lines.ToString()));
        }
    }

    public async Task DisposeAsync()
    {
        _listener.Stop();
        await _serving;
    }

    public void Dispose()
    {
        _listener.Close();
        _airgap.Dispose();
    }

    private Task<(int Code, string Out, string Err)> ChatAsync(string input, params string[] args) =>
        _airgap.RunAsync(input, new Dictionary<string, string> { ["AIRGAP_URL"] = _url }, ["run", "tiny:test", "--interactive", .. args]);

    [Fact]
    public async Task Each_turn_sends_the_history_and_a_fenced_message_is_one_message_of_its_lines()
    {
        var (code, output, error) = await ChatAsync("first question\n\"\"\"\nline one\nline two\n\"\"\"\n/bye\nnever sent\n", "--system", "be brief");

        Assert.True(code == 0, error);
        Assert.Equal(2, _requests.Count);
        var second = _requests[1].GetProperty("messages").EnumerateArray()
            .Select(m => $"{m.GetProperty("role").GetString()}: {m.GetProperty("content").GetString()}").ToList();
        Assert.Equal(new[] { "system: be brief", "user: first question", "assistant: 2 message(s), last: first question", "user: line one\nline two" }, second);
        Assert.True(_requests[1].GetProperty("stream").GetBoolean());
        Assert.Equal("2 message(s), last: first question\n4 message(s), last: line one|line two\n", output);
    }

    [Fact]
    public async Task Clear_forgets_the_history_help_lists_the_commands_and_the_end_of_input_leaves()
    {
        var (code, output, error) = await ChatAsync("one\n/clear\ntwo\n/?\n\"\"\"inline\"\"\"\n/nope\n");

        Assert.True(code == 0, error);
        Assert.Equal(new[] { "one", "two", "inline" }, _requests.Select(r => r.GetProperty("messages")[r.GetProperty("messages").GetArrayLength() - 1].GetProperty("content").GetString()));
        Assert.Equal(1, _requests[1].GetProperty("messages").GetArrayLength());
        Assert.Equal(3, _requests[2].GetProperty("messages").GetArrayLength());
        Assert.Contains("Cleared session context", output);
        Assert.Contains("/bye            Exit", output);
        Assert.Contains("Use \"\"\" to begin a multi-line message.", output);
        Assert.Contains("Unknown command '/nope'. Type /? for help", output);
    }

    [Fact]
    public async Task Options_travel_in_the_request_as_ollama_names_them()
    {
        var (code, output, error) = await ChatAsync("hi\n", "--temperature", "0.5", "--max-tokens", "7", "--format", "json", "--json");

        Assert.True(code == 0, error);
        var request = Assert.Single(_requests);
        Assert.Equal(0.5, request.GetProperty("options").GetProperty("temperature").GetDouble());
        Assert.Equal(7, request.GetProperty("options").GetProperty("num_predict").GetInt32());
        Assert.Equal("json", request.GetProperty("format").GetString());
        var final = JsonDocument.Parse(output).RootElement;
        Assert.Equal("1 message(s), last: hi", final.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", final.GetProperty("done_reason").GetString());
    }
}
