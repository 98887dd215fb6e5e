namespace Airgap.Grpc.Tests;

public sealed class CallersAreLimitedOverGrpcToo(LimitedGrpcServer server) : IClassFixture<LimitedGrpcServer>
{
    private static Metadata Bearer(string key) => new() { { "authorization", $"Bearer {key}" } };

    [Fact]
    public async Task A_caller_over_its_share_is_ResourceExhausted_with_retry_after_and_another_caller_is_not()
    {
        var embed = new EmbedRequest { Model = GrpcServer.Model };
        embed.Input.Add("pump");
        await server.Client.EmbedAsync(embed, Bearer(KeyedGrpcServer.InferenceKey));

        var e = await Assert.ThrowsAsync<RpcException>(async () => await server.Client.EmbedAsync(embed, Bearer(KeyedGrpcServer.InferenceKey)));

        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.Contains("too many requests from key:", e.Status.Detail);
        Assert.Equal("rate_limited", e.Trailers.GetValue("airgap-error-code"));
        Assert.True(int.Parse(e.Trailers.GetValue("retry-after")!) >= 1);
        // The share is the caller's (its key), as for REST: the other key still has its own.
        Assert.Single((await server.Client.EmbedAsync(embed, Bearer(KeyedGrpcServer.AdminKey))).Embeddings);
    }
}
