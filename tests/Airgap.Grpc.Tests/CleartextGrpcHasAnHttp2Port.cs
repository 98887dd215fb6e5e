using System.Net;
using Grpc.Net.Client;

namespace Airgap.Grpc.Tests;

/// <summary>
/// Why Grpc:Url exists: Kestrel takes HTTP/2 without TLS (prior knowledge, as gRPC clients send it) only on an HTTP/2-only
/// endpoint; on the ordinary listen address, which also speaks HTTP/1.1, it answers HTTP_1_1_REQUIRED.
/// </summary>
public sealed class CleartextGrpcHasAnHttp2Port(GrpcServer server) : IClassFixture<GrpcServer>
{
    [Fact]
    public async Task The_listen_address_refuses_http2_prior_knowledge_and_the_grpc_address_takes_it()
    {
        using var client = new HttpClient();
        var onRest = new HttpRequestMessage(HttpMethod.Get, new Uri(server.RestAddress, "/api/version")) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(onRest));
        // Kestrel answers the preface with GOAWAY HTTP_1_1_REQUIRED; a client that is still sending may see the reset instead.
        Assert.True(refused.ToString().Contains("HTTP_1_1_REQUIRED", StringComparison.Ordinal)
                    || refused.Message.StartsWith("An HTTP/2 connection could not be established", StringComparison.Ordinal), refused.ToString());

        var onGrpc = new HttpRequestMessage(HttpMethod.Get, new Uri(server.GrpcAddress, "/api/version")) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var answered = await client.SendAsync(onGrpc);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(HttpVersion.Version20, answered.Version);
    }

    [Fact]
    public async Task A_grpc_client_pointed_at_the_listen_address_fails_and_at_the_grpc_address_works()
    {
        using var wrongPort = GrpcChannel.ForAddress(server.RestAddress);
        var e = await Assert.ThrowsAsync<RpcException>(async () => await new AirgapClient(wrongPort).ListModelsAsync(new ListModelsRequest()));
        Assert.NotEqual(StatusCode.OK, e.StatusCode);

        var models = await server.Client.ListModelsAsync(new ListModelsRequest());
        Assert.Contains(models.Models, m => m.Name == GrpcServer.Model);
    }
}
