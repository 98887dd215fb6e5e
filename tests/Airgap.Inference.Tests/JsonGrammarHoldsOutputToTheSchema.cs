using System.Text.Json;
using Airgap.Inference.Chat;
using Airgap.Inference.Errors;
using Airgap.Inference.Grammar;
using Airgap.Inference.Scheduling;
using Microsoft.Extensions.AI;

namespace Airgap.Inference.Tests;

public sealed class JsonGrammarHoldsOutputToTheSchema : IDisposable
{
    private readonly TinyModelSite _site = new(new InferenceOptions { ContextLength = 4096, Threads = 2 });

    public void Dispose() => _site.Dispose();

    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "status": { "enum": ["ok", "warning", "fault"] },
            "code": { "anyOf": [ { "type": "integer" }, { "type": "null" } ] },
            "readings": { "type": "array", "items": { "$ref": "#/$defs/reading" }, "minItems": 2, "maxItems": 3 },
            "unit": { "const": "bar" }
          },
          "$defs": { "reading": { "type": "object", "properties": { "sensor": { "type": "string" }, "value": { "type": "number" } } } }
        }
        """;

    [Theory]
    [InlineData(0f, 1u)]
    [InlineData(1.2f, 2u)]
    [InlineData(1.2f, 3u)]
    public async Task Enums_unions_bounded_arrays_refs_and_consts_are_all_honoured(float temperature, uint seed)
    {
        var chat = new AirgapChatClient(_site.Scheduler, "tiny:test");
        var options = new ChatOptions
        {
            Temperature = temperature, Seed = seed, MaxOutputTokens = 3500,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse(Schema).RootElement),
        };

        var text = (await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "status report")], options)).Text;

        var root = JsonDocument.Parse(text).RootElement;
        Assert.Contains(root.GetProperty("status").GetString(), new[] { "ok", "warning", "fault" });
        Assert.True(root.GetProperty("code").ValueKind is JsonValueKind.Null || root.GetProperty("code").TryGetInt32(out _));
        var readings = root.GetProperty("readings");
        Assert.InRange(readings.GetArrayLength(), 2, 3);
        Assert.All(readings.EnumerateArray(), r =>
        {
            Assert.Equal(JsonValueKind.String, r.GetProperty("sensor").ValueKind);
            Assert.Equal(JsonValueKind.Number, r.GetProperty("value").ValueKind);
        });
        Assert.Equal("bar", root.GetProperty("unit").GetString());
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"a":{"$ref":"#/$defs/missing"}}}""", "points nowhere")]
    [InlineData("""{"type":"object","properties":{"a":{"$ref":"https://example.org/s.json"}}}""", "only local $ref")]
    [InlineData("""{"type":"tuple"}""", "unsupported schema type 'tuple'")]
    [InlineData("""[1, 2]""", "must be an object")]
    public void Unsupported_schemas_are_refused_naming_the_place(string schema, string problem)
    {
        var error = Assert.Throws<InvalidRequestException>(() => JsonGrammar.FromSchema(JsonDocument.Parse(schema).RootElement));

        Assert.Contains(problem, error.Message);
    }
}
