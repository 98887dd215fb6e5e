using System.Net;
using System.Text.Json;

namespace Airgap.Grpc.Tests;

/// <summary>gRPC's catch-all routes for unknown services answer only gRPC calls: an unknown REST path is still REST's 404.</summary>
public sealed class RestRoutesAreUnchanged(GrpcServer server) : IClassFixture<GrpcServer>
{
    [Theory]
    [InlineData("GET", "/api/nope", "error")]
    [InlineData("POST", "/api/nope", "error")]
    [InlineData("POST", "/v1/nope", "error")]
    [InlineData("GET", "/airgap.v1.Airgap/Generate", "error")]
    public async Task An_unknown_path_answers_404_json_in_the_dialect_of_its_prefix(string method, string path, string property)
    {
        using var response = await server.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? new StringContent("{}") : null });

        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{method} {path}: {(int)response.StatusCode}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.TryGetProperty(property, out _));
    }

    [Fact]
    public async Task An_unknown_grpc_method_is_Unimplemented()
    {
        var e = await Assert.ThrowsAsync<RpcException>(async () => await server.Channel.CreateCallInvoker().AsyncUnaryCall(
            new Method<ListModelsRequest, ListModelsResponse>(MethodType.Unary, "airgap.v1.Airgap", "Nope",
                Marshallers.Create<ListModelsRequest>(r => Google.Protobuf.MessageExtensions.ToByteArray(r), ListModelsRequest.Parser.ParseFrom),
                Marshallers.Create<ListModelsResponse>(r => Google.Protobuf.MessageExtensions.ToByteArray(r), ListModelsResponse.Parser.ParseFrom)),
            null, new CallOptions(), new ListModelsRequest()));

        Assert.Equal(StatusCode.Unimplemented, e.StatusCode);
    }
}
