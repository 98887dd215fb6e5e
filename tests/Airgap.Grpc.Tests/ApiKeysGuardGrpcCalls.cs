using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Airgap.Server.Hosting;
using Grpc.Reflection.V1Alpha;

namespace Airgap.Grpc.Tests;

public sealed class ApiKeysGuardGrpcCalls(KeyedGrpcServer server) : IClassFixture<KeyedGrpcServer>
{
    private static Metadata Bearer(string key) => new() { { "authorization", $"Bearer {key}" } };

    private static IEnumerable<(string Rpc, Func<AirgapClient, Metadata?, Task> Call)> EveryRpc()
    {
        var chat = new ChatRequest { Model = GrpcServer.Model, Options = new Options { NumPredict = 2 } };
        chat.Messages.Add(new Message { Role = "user", Content = "hi" });
        var embed = new EmbedRequest { Model = GrpcServer.Model };
        embed.Input.Add("hi");
        yield return ("Generate", (c, m) => GrpcServer.ReadAllAsync(c.Generate(new GenerateRequest { Model = GrpcServer.Model, Prompt = "hi", Options = new Options { NumPredict = 2 } }, m)));
        yield return ("Chat", (c, m) => GrpcServer.ReadAllAsync(c.Chat(chat, m)));
        yield return ("Embed", async (c, m) => await c.EmbedAsync(embed, m));
        yield return ("ListModels", async (c, m) => await c.ListModelsAsync(new ListModelsRequest(), m));
    }

    [Fact]
    public async Task Without_a_key_or_with_a_wrong_one_every_rpc_is_Unauthenticated()
    {
        foreach (var (rpc, call) in EveryRpc())
        {
            foreach (var headers in new[] { null, Bearer("not-a-key-of-this-server-at-all") })
            {
                var e = await Assert.ThrowsAsync<RpcException>(() => call(server.Client, headers));
                Assert.True(e.StatusCode == StatusCode.Unauthenticated, $"{rpc}: {e.Status}");
                Assert.Contains("API key", e.Status.Detail);
                Assert.Equal("invalid_api_key", e.Trailers.GetValue("airgap-error-code"));
            }
        }

        // The wire said 200 with a gRPC status; the log and the metrics count what it stands for, a 401, as for REST.
        using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        scrape.Headers.Authorization = new AuthenticationHeaderValue("Bearer", KeyedGrpcServer.AdminKey);
        var metrics = await (await server.Http.SendAsync(scrape)).Content.ReadAsStringAsync();
        Assert.Matches("""airgap_refusals_total\{status="401",code="invalid_api_key"\} ([8-9]|[1-9][0-9]+)\b""", metrics);
        Assert.Matches("""airgap_requests_total\{route="\(none\)",model="",status="401"\} ([8-9]|[1-9][0-9]+)\b|airgap_requests_total\{route="/airgap\.v1\.Airgap/Generate",model="",status="401"\} [2-9]""", metrics);
        Assert.DoesNotContain("""airgap_refusals_total{status="200",code="invalid_api_key"}""", metrics);
    }

    [Fact]
    public async Task An_inference_key_in_the_authorization_metadata_suffices_for_every_rpc_and_names_the_caller()
    {
        foreach (var (_, call) in EveryRpc()) await call(server.Client, Bearer(KeyedGrpcServer.InferenceKey));

        // The request log (and so the metrics and the audit trail) names the key each call came with, as for REST.
        using var list = new HttpRequestMessage(HttpMethod.Get, "/api/airgap/requests");
        list.Headers.Authorization = new AuthenticationHeaderValue("Bearer", KeyedGrpcServer.AdminKey);
        using var response = await server.Http.SendAsync(list);
        response.EnsureSuccessStatusCode();
        var requests = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requests").EnumerateArray().ToList();
        var keyId = ApiKey.Parse(KeyedGrpcServer.InferenceKey).Id;
        foreach (var rpc in new[] { "Generate", "Chat", "Embed", "ListModels" })
        {
            var entry = requests.First(r => r.GetProperty("route").GetString() == $"/airgap.v1.Airgap/{rpc}" && r.GetProperty("key_id").GetString() != "anonymous");
            Assert.Equal(keyId, entry.GetProperty("key_id").GetString());
        }
        var generation = requests.First(r => r.GetProperty("route").GetString() == "/airgap.v1.Airgap/Generate" && r.GetProperty("key_id").GetString() == keyId);
        Assert.StartsWith(GrpcServer.Model, generation.GetProperty("model").GetString());
        Assert.Equal(2, generation.GetProperty("generated_tokens").GetInt32());
    }

    [Fact]
    public async Task Reflection_needs_a_key_as_every_call_does()
    {
        var reflection = new ServerReflection.ServerReflectionClient(server.Channel);
        var without = await Assert.ThrowsAsync<RpcException>(() => ListServicesAsync(reflection, null));
        Assert.Equal(StatusCode.Unauthenticated, without.StatusCode);

        Assert.Contains("airgap.v1.Airgap", await ListServicesAsync(reflection, Bearer(KeyedGrpcServer.InferenceKey)));
    }

    private static async Task<List<string>> ListServicesAsync(ServerReflection.ServerReflectionClient reflection, Metadata? headers)
    {
        using var call = reflection.ServerReflectionInfo(headers);
        try
        {
            await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // A call the server refuses at once may end while the request is still being written (the client then sees
            // CANCELLED there); the server's own status comes with the response.
        }
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        return call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
    }
}
