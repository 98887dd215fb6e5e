using System.Net;
using System.Text;
using System.Text.Json;

namespace Airgap.Compatibility.Tests;

public sealed class InvalidFieldsAreNamed(TinyServer server) : IClassFixture<TinyServer>
{
    private const string Messages = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    [Theory]
    [InlineData("/v1/chat/completions", "{\"model\":\"tiny:test\"," + Messages + ",\"n\":3}", "n")]
    [InlineData("/v1/chat/completions", "{\"model\":\"tiny:test\"," + Messages + ",\"tool_choice\":\"sometimes\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]}", "tool_choice")]
    [InlineData("/v1/chat/completions", "{\"model\":\"tiny:test\"," + Messages + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"g\"}},\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]}", "tool_choice")]
    [InlineData("/v1/chat/completions", "{\"model\":\"tiny:test\"," + Messages + ",\"response_format\":{\"type\":\"yaml\"}}", "response_format.type")]
    [InlineData("/v1/chat/completions", "{\"model\":\"tiny:test\"," + Messages + ",\"response_format\":{\"type\":\"json_schema\"}}", "response_format.json_schema.schema")]
    [InlineData("/v1/chat/completions", "{\"model\":\"tiny:test\"," + Messages + ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":{\"$ref\":\"http://elsewhere/schema\"}}}}", "response_format.json_schema.schema.$ref")]
    [InlineData("/v1/chat/completions", "{\"model\":\"tiny:test\"," + Messages + ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":{\"type\":\"array\",\"minItems\":2001}}}}", "response_format.json_schema.schema.minItems")]
    [InlineData("/v1/chat/completions", "{\"model\":\"tiny:test\"," + Messages + ",\"tool_choice\":\"required\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\",\"properties\":{\"ids\":{\"type\":\"array\",\"minItems\":2001}}}}}]}", "tools[0].parameters.properties.ids.minItems")]
    [InlineData("/v1/chat/completions", "{\"model\":\"tiny:test\"," + Messages + ",\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}", "stop")]
    [InlineData("/v1/chat/completions", "{\"model\":\"tiny:test\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\"}]}]}", "messages[0].content[0].image_url")]
    [InlineData("/v1/chat/completions", "{\"model\":\"tiny:test\",\"messages\":[]}", "messages")]
    [InlineData("/v1/chat/completions", "{" + Messages + "}", "model")]
    [InlineData("/v1/chat/completions", "{\"model\":\"tiny:test\"," + Messages + ",\"max_tokens\":0}", "max_tokens")]
    [InlineData("/v1/chat/completions", "{\"model\":\"tiny:test\"," + Messages + ",\"priority\":12}", "priority")]
    [InlineData("/v1/completions", "{\"model\":\"tiny:test\",\"prompt\":[\"a\",\"b\"]}", "prompt")]
    [InlineData("/v1/embeddings", "{\"model\":\"tiny:test\",\"input\":\"x\",\"encoding_format\":\"hex\"}", "encoding_format")]
    [InlineData("/v1/embeddings", "{\"model\":\"tiny:test\",\"input\":[]}", "input")]
    [InlineData("/v1/embeddings", "{\"model\":\"tiny:test\",\"input\":[1,2]}", "input[0]")]
    public async Task OpenAi_paths_name_the_invalid_field(string path, string body, string param)
    {
        var response = await server.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("/api/chat", "{\"model\":\"tiny:test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"format\":42}", "format: ")]
    [InlineData("/api/chat", "{\"model\":\"tiny:test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"options\":{\"stop\":\"x\"}}", "options.stop: ")]
    [InlineData("/api/chat", "{\"model\":\"tiny:test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"format\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"date\"}}}}", "format.properties.a.type: unsupported schema type 'date'")]
    [InlineData("/api/generate", "{\"model\":\"tiny:test\",\"prompt\":\"hi\",\"format\":{\"type\":\"array\",\"minItems\":2001}}", "format.minItems: ")]
    [InlineData("/api/generate", "{\"model\":\"tiny:test\",\"prompt\":\"hi\",\"format\":{\"type\":\"object\",\"properties\":{\"age\":{\"type\":\"integer\",\"multipleOf\":5}}}}", "format.properties.age.multipleOf: ")]
    [InlineData("/api/generate", "{\"prompt\":\"hi\"}", "model: is required")]
    [InlineData("/api/generate", "{\"model\":\"tiny:test\",\"prompt\":\"hi\",\"options\":{\"num_predict\":1.5}}", "options.num_predict: must be an integer")]
    [InlineData("/api/embed", "{\"model\":\"tiny:test\",\"input\":{}}", "input: must be a string or a list of strings")]
    [InlineData("/api/copy", "{\"source\":\"tiny:test\",\"destination\":\"Not A Name!\"}", "destination: ")]
    public async Task Ollama_paths_name_the_invalid_field(string path, string body, string start)
    {
        var response = await server.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(start, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }
}
