using System.Net;
using System.Text;
using System.Text.Json;

namespace Airgap.Compatibility.Tests;

/// <summary>Bodies a hostile or careless client sends: each is a 400 whose JSON error names the field, never a 500.</summary>
public sealed class MalformedRequestsAreRefusedByField(TinyServer server) : IClassFixture<TinyServer>
{
    private const string Hi = "[{\"role\":\"user\",\"content\":\"hi\"}]";
    private const string Chat = "{\"model\":\"tiny:test\",\"messages\":" + Hi + ",";
    private const string Generate = "{\"model\":\"tiny:test\",\"prompt\":\"hi\",";

    public static TheoryData<string, string, string> Ollama => new()
    {
        { "/api/chat", "{\"model\":\"tiny:test\",\"messages\":[null]}", "messages[0]" },
        { "/api/chat", "{\"model\":\"tiny:test\",\"messages\":\"hi\"}", "messages" },
        { "/api/chat", "{\"model\":\"tiny:test\",\"messages\":[{\"role\":\"user\",\"content\":5}]}", "messages[0].content" },
        { "/api/chat", "{\"model\":\"tiny:test\",\"messages\":[{\"role\":5,\"content\":\"hi\"}]}", "messages[0].role" },
        { "/api/chat", "{\"model\":\"tiny:test\",\"messages\":[{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[null]}]}", "messages[0].tool_calls[0]" },
        { "/api/chat", "{\"model\":\"tiny:test\",\"messages\":[{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":null}]}]}", "messages[0].tool_calls[0].function" },
        { "/api/chat", "{\"model\":\"tiny:test\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"function\":{\"arguments\":{}}}]}]}", "messages[0].tool_calls[0].function.name" },
        { "/api/chat", "{\"model\":\"tiny:test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\",\"images\":\"x\"}]}", "messages[0].images" },
        { "/api/chat", "{\"model\":\"tiny:test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\",\"images\":[\"aGk=\"]}]}", "messages[0].images" },
        { "/api/chat", Chat + "\"tools\":[null]}", "tools[0]" },
        { "/api/chat", Chat + "\"tools\":[{\"type\":\"function\"}]}", "tools[0].function" },
        { "/api/chat", Chat + "\"tools\":[{\"type\":\"function\",\"function\":{\"description\":\"x\"}}]}", "tools[0].function.name" },
        { "/api/chat", Chat + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":5}}]}", "tools[0].function.parameters" },
        { "/api/chat", Chat + "\"format\":{\"type\":\"object\",\"properties\":{\"a\":5}}}", "format" },
        { "/api/chat", Chat + "\"format\":{\"type\":\"object\",\"properties\":[]}}", "format" },
        { "/api/chat", Chat + "\"format\":{\"type\":5}}", "format" },
        { "/api/chat", Chat + "\"format\":{\"type\":\"array\",\"items\":\"x\"}}", "format" },
        { "/api/chat", Chat + "\"keep_alive\":\"99999999h\"}", "keep_alive" },
        { "/api/chat", Chat + "\"keep_alive\":1e300}", "keep_alive" },
        { "/api/chat", Chat + "\"options\":{\"temperature\":1e40}}", "options.temperature" },
        { "/api/chat", Chat + "\"options\":{\"seed\":\"x\"}}", "options.seed" },
        { "/api/chat", Chat + "\"options\":{\"ignore_eos\":\"yes\"}}", "options.ignore_eos" },
        { "/api/chat", Chat + "\"options\":{\"stop\":[null]}}", "options.stop" },
        { "/api/chat", Chat + "\"options\":[]}", "options" },
        { "/api/chat", Chat + "\"stream\":\"yes\"}", "stream" },
        { "/api/chat", Chat + "\"priority\":\"high\"}", "priority" },
        { "/api/chat", "{\"model\":5,\"messages\":" + Hi + "}", "model" },
        { "/api/chat", "[]", "body" },
        { "/api/chat", "null", "body" },
        { "/api/generate", "{\"model\":\"tiny:test\",\"prompt\":5}", "prompt" },
        { "/api/generate", Generate + "\"system\":[\"x\"]}", "system" },
        { "/api/generate", Generate + "\"raw\":\"yes\"}", "raw" },
        { "/api/generate", Generate + "\"format\":{\"type\":\"string\",\"enum\":5}}", "format" },
        { "/api/generate", Generate + "\"images\":[\"aGk=\"]}", "images" },
        { "/api/generate", Generate + "\"suffix\":\"return x\"}", "suffix" },
        { "/api/generate", Generate + "\"options\":{\"num_ctx\":999999}}", "options.num_ctx" },
        { "/api/generate", Generate + "\"options\":{\"num_ctx\":\"big\"}}", "options.num_ctx" },
        { "/api/generate", Generate + "\"options\":{\"num_predict\":1e12}}", "options.num_predict" },
        { "/api/generate", Generate + "\"keep_alive\":\"99999999h\"}", "keep_alive" },
        { "/api/embed", "{\"model\":\"tiny:test\",\"input\":[null]}", "input[0]" },
        { "/api/embed", "{\"model\":\"tiny:test\",\"input\":5}", "input" },
        { "/api/embed", "{\"model\":\"tiny:test\",\"input\":\"x\",\"keep_alive\":\"99999999h\"}", "keep_alive" },
        { "/api/embed", "{\"model\":null,\"input\":\"x\"}", "model" },
        { "/api/embed", "{\"model\":\"tiny:test\",\"input\":\"x\",\"truncate\":\"yes\"}", "truncate" },
        { "/api/embeddings", "{\"model\":\"tiny:test\",\"prompt\":5}", "prompt" },
    };

    public static TheoryData<string, string, string> OpenAi => new()
    {
        { "/v1/chat/completions", "{\"model\":\"tiny:test\",\"messages\":[null]}", "messages[0]" },
        { "/v1/chat/completions", "{\"model\":\"tiny:test\",\"messages\":[{\"role\":\"user\",\"content\":[5]}]}", "messages[0].content[0]" },
        { "/v1/chat/completions", "{\"model\":\"tiny:test\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":5}]}]}", "messages[0].content[0].text" },
        { "/v1/chat/completions", "{\"model\":\"tiny:test\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":5}]}]}", "messages[0].content[0].type" },
        { "/v1/chat/completions", "{\"model\":\"tiny:test\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:,\"}}]}]}", "messages[0].content[0]" },
        { "/v1/chat/completions", "{\"model\":\"tiny:test\",\"messages\":[{\"role\":\"user\",\"content\":{\"a\":1}}]}", "messages[0].content" },
        { "/v1/chat/completions", "{\"model\":\"tiny:test\",\"messages\":[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[null]}]}", "messages[0].tool_calls[0]" },
        { "/v1/chat/completions", "{\"model\":\"tiny:test\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":null}]}]}", "messages[0].tool_calls[0].function" },
        { "/v1/chat/completions", "{\"model\":\"tiny:test\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":null,\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}]}", "messages[0].tool_calls[0].id" },
        { "/v1/chat/completions", "{\"model\":\"tiny:test\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"arguments\":\"{}\"}}]}]}", "messages[0].tool_calls[0].function.name" },
        { "/v1/chat/completions", "{\"model\":\"tiny:test\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":5}}]}]}", "messages[0].tool_calls[0].function.arguments" },
        { "/v1/chat/completions", Chat + "\"tools\":[null]}", "tools[0]" },
        { "/v1/chat/completions", Chat + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":\"x\"}}]}", "tools[0].function.parameters" },
        { "/v1/chat/completions", Chat + "\"response_format\":\"json\"}", "response_format" },
        { "/v1/chat/completions", Chat + "\"response_format\":{\"type\":5}}", "response_format.type" },
        { "/v1/chat/completions", Chat + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":\"x\"}}", "response_format.json_schema" },
        { "/v1/chat/completions", Chat + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":5,\"schema\":{\"type\":\"object\"}}}}", "response_format.json_schema.name" },
        { "/v1/chat/completions", Chat + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":{\"type\":\"object\",\"properties\":{\"a\":[]}}}}}", "response_format.json_schema.schema" },
        { "/v1/chat/completions", Chat + "\"tool_choice\":{\"type\":\"function\",\"function\":\"f\"},\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]}", "tool_choice" },
        { "/v1/chat/completions", Chat + "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":5}},\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]}", "tool_choice" },
        { "/v1/chat/completions", Chat + "\"stream_options\":\"x\"}", "stream_options" },
        { "/v1/chat/completions", Chat + "\"temperature\":\"hot\"}", "temperature" },
        { "/v1/chat/completions", Chat + "\"seed\":1e30}", "seed" },
        { "/v1/chat/completions", Chat + "\"stop\":5}", "stop" },
        { "/v1/chat/completions", Chat + "\"stop\":[null]}", "stop" },
        { "/v1/chat/completions", "{\"model\":[],\"messages\":" + Hi + "}", "model" },
        { "/v1/completions", "{\"model\":\"tiny:test\",\"prompt\":null}", "prompt" },
        { "/v1/completions", "{\"model\":\"tiny:test\",\"prompt\":[5]}", "prompt" },
        { "/v1/completions", "{\"model\":\"tiny:test\",\"prompt\":\"hi\",\"max_tokens\":\"x\"}", "max_tokens" },
        { "/v1/completions", "{\"model\":\"tiny:test\",\"prompt\":\"hi\",\"suffix\":\"x\"}", "suffix" },
        { "/v1/embeddings", "{\"model\":\"tiny:test\",\"input\":null}", "input" },
        { "/v1/embeddings", "{\"model\":\"tiny:test\",\"input\":[[1,2]]}", "input[0]" },
        { "/v1/embeddings", "{\"model\":\"tiny:test\",\"input\":\"x\",\"dimensions\":\"x\"}", "dimensions" },
        { "/v1/embeddings", "{\"model\":\"tiny:test\",\"input\":\"x\",\"dimensions\":3}", "dimensions" },
        { "/v1/embeddings", "\"x\"", "body" },
    };

    private async Task<(HttpStatusCode Status, string Text)> Post(string path, string body)
    {
        var response = await server.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Ollama))]
    public async Task An_ollama_request_with_a_malformed_field_is_a_400_naming_it(string path, string body, string field)
    {
        var (status, text) = await Post(path, body);

        Assert.True(status == HttpStatusCode.BadRequest, $"{status}: {text}");
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error").GetString()!;
        Assert.StartsWith(field, error);
    }

    [Theory]
    [MemberData(nameof(OpenAi))]
    public async Task An_openai_request_with_a_malformed_field_is_a_400_naming_it(string path, string body, string field)
    {
        var (status, text) = await Post(path, body);

        Assert.True(status == HttpStatusCode.BadRequest, $"{status}: {text}");
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.StartsWith(field, error.GetProperty("param").GetString());
    }
}
