using System.Net;
using System.Text;
using System.Text.Json;

namespace Airgap.Compatibility.Tests;

public sealed class ResponsesRequestsNameTheInvalidField(TinyServer server) : IClassFixture<TinyServer>
{
    private const string Model = "\"model\":\"tiny:test\"";
    private const string Tool = "\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}]";

    [Theory]
    [InlineData("{" + Model + ",\"input\":\"hi\",\"previous_response_id\":\"resp_1\"}", "previous_response_id")]
    [InlineData("{" + Model + ",\"input\":\"hi\",\"conversation\":\"conv_1\"}", "conversation")]
    [InlineData("{" + Model + ",\"input\":\"hi\",\"background\":true}", "background")]
    [InlineData("{\"input\":\"hi\"}", "model")]
    [InlineData("{" + Model + "}", "input")]
    [InlineData("{" + Model + ",\"input\":[]}", "input")]
    [InlineData("{" + Model + ",\"input\":42}", "input")]
    [InlineData("{" + Model + ",\"input\":[null]}", "input[0]")]
    [InlineData("{" + Model + ",\"input\":[{\"role\":\"robot\",\"content\":\"hi\"}]}", "input[0].role")]
    [InlineData("{" + Model + ",\"input\":[{\"content\":\"hi\"}]}", "input[0].role")]
    [InlineData("{" + Model + ",\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_image\",\"image_url\":\"x\"}]}]}", "input[0].content[0]")]
    [InlineData("{" + Model + ",\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":7}]}]}", "input[0].content[0].text")]
    [InlineData("{" + Model + ",\"input\":[{\"type\":\"item_reference\",\"id\":\"msg_1\"}]}", "input[0].type")]
    [InlineData("{" + Model + ",\"input\":[{\"type\":\"web_search_call\",\"id\":\"ws_1\"}]}", "input[0].type")]
    [InlineData("{" + Model + ",\"input\":[{\"type\":\"function_call\",\"name\":\"f\",\"arguments\":\"{}\"}]}", "input[0].call_id")]
    [InlineData("{" + Model + ",\"input\":[{\"type\":\"function_call\",\"call_id\":\"c\",\"name\":\"f\",\"arguments\":\"[1]\"}]}", "input[0].arguments")]
    [InlineData("{" + Model + ",\"input\":[{\"type\":\"function_call\",\"call_id\":\"c\",\"name\":\"f\",\"arguments\":\"{oops\"}]}", "input[0].arguments")]
    [InlineData("{" + Model + ",\"input\":[{\"type\":\"function_call_output\",\"output\":\"41\"}]}", "input[0].call_id")]
    [InlineData("{" + Model + ",\"input\":\"hi\",\"max_output_tokens\":0}", "max_output_tokens")]
    [InlineData("{" + Model + ",\"input\":\"hi\",\"max_output_tokens\":\"many\"}", "max_output_tokens")]
    [InlineData("{" + Model + ",\"input\":\"hi\",\"temperature\":5}", "temperature")]
    [InlineData("{" + Model + ",\"input\":\"hi\",\"instructions\":[1]}", "instructions")]
    [InlineData("{" + Model + ",\"input\":\"hi\",\"text\":{\"format\":{\"type\":\"yaml\"}}}", "text.format.type")]
    [InlineData("{" + Model + ",\"input\":\"hi\",\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"x\"}}}", "text.format.schema")]
    [InlineData("{" + Model + ",\"input\":\"hi\",\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"x\",\"schema\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"date\"}}}}}}", "text.format.schema.properties.a.type")]
    [InlineData("{" + Model + ",\"input\":\"hi\",\"tools\":[{\"type\":\"web_search\"}]}", "tools[0].type")]
    [InlineData("{" + Model + ",\"input\":\"hi\",\"tools\":[{\"type\":\"function\"}]}", "tools[0].name")]
    [InlineData("{" + Model + ",\"input\":\"hi\",\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":\"none\"}]}", "tools[0].parameters")]
    [InlineData("{" + Model + ",\"input\":\"hi\"," + Tool + ",\"tool_choice\":\"sometimes\"}", "tool_choice")]
    [InlineData("{" + Model + ",\"input\":\"hi\"," + Tool + ",\"tool_choice\":{\"type\":\"function\",\"name\":\"g\"}}", "tool_choice")]
    [InlineData("{" + Model + ",\"input\":\"hi\",\"tool_choice\":\"required\"}", "tool_choice")]
    public async Task A_malformed_request_is_a_400_naming_the_field(string body, string param)
    {
        var response = await server.Http.PostAsync("/v1/responses", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.StartsWith(param + ": ", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_streamed_request_that_fails_before_the_first_byte_gets_a_real_status()
    {
        var body = "{\"model\":\"nosuch:model\",\"input\":\"hi\",\"stream\":true}";

        var response = await server.Http.PostAsync("/v1/responses", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("model", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("param").GetString());
    }
}
