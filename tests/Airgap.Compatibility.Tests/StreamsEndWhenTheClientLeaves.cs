using System.Text;
using System.Text.Json;

namespace Airgap.Compatibility.Tests;

public sealed class StreamsEndWhenTheClientLeaves(TinyServer server) : IClassFixture<TinyServer>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_client_that_disconnects_mid_stream_cancels_its_sequence()
    {
        (await server.Http.PostAsync("/api/generate", Json("""{"model":"tiny:test","prompt":"warm up","stream":false,"options":{"num_predict":1}}"""))).EnsureSuccessStatusCode();

        // Greedy and without num_predict this model runs to the end of its 2048-token context (about 0.6 s here).
        // The client closes the connection after one line; HttpClient would otherwise drain up to 1 MB to reuse it.
        using (var leaving = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = server.BaseAddress })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/generate") { Content = Json("""{"model":"tiny:test","prompt":"go on forever","options":{"temperature":0}}""") };
            using var response = await leaving.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            var first = JsonDocument.Parse((await reader.ReadLineAsync())!).RootElement;
            Assert.False(first.GetProperty("done").GetBoolean());
        }

        JsonElement model = default;
        for (var i = 0; i < 100; i++)
        {
            model = JsonDocument.Parse(await server.Http.GetStringAsync("/api/ps")).RootElement.GetProperty("models")[0];
            var settled = model.GetProperty("running").GetInt32() == 0;
            if (settled && (model.GetProperty("cancelled").GetInt64() > 0 || model.GetProperty("completed").GetInt64() > 1)) break;
            await Task.Delay(20);
        }
        Assert.Equal(1, model.GetProperty("cancelled").GetInt64());
        Assert.Equal(1, model.GetProperty("completed").GetInt64()); // only the warm-up ran to its end
        Assert.Equal(0, model.GetProperty("running").GetInt32());
    }
}
