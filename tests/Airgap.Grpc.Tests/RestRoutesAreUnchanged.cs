using System.Net;
using System.Text.Json;

namespace Airgap.Grpc.Tests;

/// <summary>gRPC's routes take only gRPC calls: a REST request to an unknown path or with a wrong method is answered as before.</summary>
public sealed class RestRoutesAreUnchanged(GrpcServer server) : IClassFixture<GrpcServer>
{
    [Theory]
    [InlineData("POST", "/api/tags", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/api/chat", HttpStatusCode.MethodNotAllowed)]
    [InlineData("DELETE", "/v1/embeddings", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/api/nope", HttpStatusCode.NotFound)]
    public async Task A_wrong_method_is_still_405_and_an_unknown_path_404(string method, string path, HttpStatusCode expected)
    {
        using var response = await server.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : new StringContent("{}") });

        Assert.Equal(expected, response.StatusCode);
    }

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

    [Fact]
    public async Task An_unknown_grpc_service_is_Unimplemented()
    {
        var e = await Assert.ThrowsAsync<RpcException>(async () => await server.Channel.CreateCallInvoker().AsyncUnaryCall(
            new Method<ListModelsRequest, ListModelsResponse>(MethodType.Unary, "airgap.v9.Nothing", "ListModels",
                Marshallers.Create<ListModelsRequest>(r => Google.Protobuf.MessageExtensions.ToByteArray(r), ListModelsRequest.Parser.ParseFrom),
                Marshallers.Create<ListModelsResponse>(r => Google.Protobuf.MessageExtensions.ToByteArray(r), ListModelsResponse.Parser.ParseFrom)),
            null, new CallOptions(), new ListModelsRequest()));

        Assert.Equal(StatusCode.Unimplemented, e.StatusCode);
        Assert.Contains("no such endpoint", e.Status.Detail);
    }
}
