using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Airgap.Inference.Chat;
using Airgap.Inference.Scheduling;
using Microsoft.Extensions.AI;

namespace Airgap.Inference.Tests;

public sealed class SchemaAnswersFromATinyModelValidate : IDisposable
{
    private readonly TinyModelSite _site = new(new InferenceOptions { ContextLength = 4096, Threads = 2 });
    private readonly IChatClient _chat;

    public SchemaAnswersFromATinyModelValidate() => _chat = new AirgapChatClient(_site.Scheduler, "tiny:test");

    public void Dispose() => _site.Dispose();

    // What zod's z.object({ age: z.number().int().min(0).max(120), ... }) and friends send, one constraint per field.
    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "age": { "type": "integer", "minimum": 0, "maximum": 120 },
            "floor": { "type": "integer", "exclusiveMinimum": -3, "exclusiveMaximum": 12 },
            "score": { "type": "number", "minimum": 0, "maximum": 1 },
            "delta": { "type": "number", "minimum": -2.5, "maximum": 7 },
            "share": { "type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1 },
            "code": { "type": "string", "pattern": "^[A-Z]{2}-\\d{3}$" },
            "name": { "type": "string", "minLength": 2, "maxLength": 8 },
            "day": { "type": "string", "format": "date" },
            "id": { "type": "string", "format": "uuid" },
            "tags": { "type": "array", "items": { "enum": ["a", "b", "c"] }, "minItems": 1, "maxItems": 3 },
            "ports": { "type": "array", "items": { "type": "integer", "minimum": 1, "maximum": 65535 }, "maxItems": 2 },
            "at": { "type": "string", "format": "date-time" },
            "mail": { "type": "string", "format": "email" },
            "home": { "type": "string", "format": "uri", "minLength": 1, "maxLength": 2083 }
          },
          "required": ["age", "floor", "score", "delta", "share", "code", "name", "day", "id", "tags", "ports", "at", "mail", "home"],
          "additionalProperties": false
        }
        """;

    [Theory]
    [InlineData(0f, 1u)]
    [InlineData(1.5f, 2u)]
    [InlineData(1.5f, 3u)]
    [InlineData(2f, 4u)]
    public async Task Every_supported_constraint_holds_in_the_answer(float temperature, uint seed)
    {
        var options = new ChatOptions
        {
            Temperature = temperature, Seed = seed, MaxOutputTokens = 3000,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse(Schema).RootElement),
        };

        var text = (await _chat.GetResponseAsync([new ChatMessage(ChatRole.User, "a record")], options)).Text;

        var root = JsonDocument.Parse(text).RootElement;
        Assert.Equal(14, root.EnumerateObject().Count());
        Assert.InRange(root.GetProperty("age").GetInt32(), 0, 120);
        Assert.InRange(root.GetProperty("floor").GetInt32(), -2, 11);
        Assert.InRange(root.GetProperty("score").GetDouble(), 0, 1);
        Assert.InRange(root.GetProperty("delta").GetDouble(), -2.5, 7);
        Assert.True(root.GetProperty("share").GetDouble() is > 0 and < 1, text);
        Assert.Matches("^[A-Z]{2}-\\d{3}$", root.GetProperty("code").GetString()!);
        Assert.InRange(root.GetProperty("name").GetString()!.Length, 2, 8);
        Assert.True(DateOnly.TryParseExact(root.GetProperty("day").GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), text);
        Assert.True(Guid.TryParse(root.GetProperty("id").GetString(), out _), text);
        var tags = root.GetProperty("tags");
        Assert.InRange(tags.GetArrayLength(), 1, 3);
        Assert.All(tags.EnumerateArray(), t => Assert.Contains(t.GetString(), new[] { "a", "b", "c" }));
        var ports = root.GetProperty("ports");
        Assert.InRange(ports.GetArrayLength(), 0, 2);
        Assert.All(ports.EnumerateArray(), p => Assert.InRange(p.GetInt32(), 1, 65535));
        Assert.True(DateTimeOffset.TryParse(root.GetProperty("at").GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _), text);
        Assert.True(System.Net.Mail.MailAddress.TryCreate(root.GetProperty("mail").GetString(), out _), text);
        Assert.True(Uri.TryCreate(root.GetProperty("home").GetString(), UriKind.Absolute, out var home) && home.Scheme == "https", text);
    }

    [Fact]
    public async Task A_bounded_integer_stays_in_range_across_many_seeds()
    {
        var schema = JsonDocument.Parse("""{"type": "integer", "minimum": -5, "maximum": 12}""").RootElement;
        var seen = new HashSet<int>();

        for (var seed = 1; seed <= 24; seed++)
        {
            var options = new ChatOptions { Temperature = 2f, TopK = 0, TopP = 1f, Seed = seed, MaxOutputTokens = 40, ResponseFormat = ChatResponseFormat.ForJsonSchema(schema) };
            var text = (await _chat.GetResponseAsync([new ChatMessage(ChatRole.User, "a number")], options)).Text;
            var value = int.Parse(text.Trim(), CultureInfo.InvariantCulture);
            Assert.InRange(value, -5, 12);
            seen.Add(value);
        }

        Assert.True(seen.Count >= 4, $"only {string.Join(", ", seen)} were written");
    }

    [Fact]
    public async Task An_enum_at_the_size_limit_answers_one_of_its_values()
    {
        var values = Enumerable.Range(0, 1024).Select(i => $"sensor-{i:D4}").ToHashSet();
        var schema = JsonSerializer.SerializeToElement(new { type = "object", properties = new { sensor = new { @enum = values } } });

        for (var seed = 1; seed <= 4; seed++)
        {
            var options = new ChatOptions { Temperature = 2f, TopK = 0, TopP = 1f, Seed = seed, MaxOutputTokens = 200, ResponseFormat = ChatResponseFormat.ForJsonSchema(schema) };
            var text = (await _chat.GetResponseAsync([new ChatMessage(ChatRole.User, "which sensor?")], options)).Text;
            Assert.Contains(JsonDocument.Parse(text).RootElement.GetProperty("sensor").GetString()!, values);
        }
    }
}
