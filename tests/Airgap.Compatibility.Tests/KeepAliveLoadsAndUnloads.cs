using System.Text;
using System.Text.Json;

namespace Airgap.Compatibility.Tests;

public sealed class KeepAliveLoadsAndUnloads(TinyServer server) : IClassFixture<TinyServer>
{
    private async Task<JsonElement> Post(string json)
    {
        var response = await server.Http.PostAsync("/api/generate", new StringContent(json, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private async Task<int> LoadedCount() =>
        JsonDocument.Parse(await server.Http.GetStringAsync("/api/ps")).RootElement.GetProperty("models").GetArrayLength();

    [Fact]
    public async Task An_empty_prompt_loads_the_model_and_keep_alive_zero_unloads_it()
    {
        Assert.Equal("load", (await Post("""{"model":"tiny:test"}""")).GetProperty("done_reason").GetString());
        Assert.Equal(1, await LoadedCount());

        Assert.Equal("unload", (await Post("""{"model":"tiny:test","keep_alive":0}""")).GetProperty("done_reason").GetString());
        Assert.Equal(0, await LoadedCount());
    }

    [Fact]
    public async Task A_request_with_keep_alive_zero_unloads_the_model_when_it_finishes()
    {
        var done = await Post("""{"model":"tiny:test","prompt":"hello","stream":false,"keep_alive":"0s","options":{"num_predict":3,"ignore_eos":true}}""");

        Assert.Equal(3, done.GetProperty("eval_count").GetInt32());
        Assert.Equal(0, await LoadedCount());
    }

    [Fact]
    public async Task A_malformed_keep_alive_is_refused()
    {
        var response = await server.Http.PostAsync("/api/generate",
            new StringContent("""{"model":"tiny:test","prompt":"x","keep_alive":"five minutes"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("keep_alive", await response.Content.ReadAsStringAsync());
    }
}
