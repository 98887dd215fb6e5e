namespace Airgap.Grpc.Tests;

public sealed class CancellingAStreamStopsTheGeneration(GrpcServer server) : IClassFixture<GrpcServer>
{
    [Fact]
    public async Task A_client_that_cancels_mid_stream_cancels_its_sequence_on_the_server()
    {
        await GrpcServer.ReadAllAsync(server.Client.Generate(new GenerateRequest { Model = GrpcServer.Model, Prompt = "warm up", Options = new Options { NumPredict = 1 } }));

        // Greedy and without num_predict the tiny model runs to the end of its 4096-token context, seconds from now.
        using (var cancel = new CancellationTokenSource())
        {
            using var call = server.Client.Generate(new GenerateRequest { Model = GrpcServer.Model, Prompt = "go on forever", Options = new Options { Temperature = 0 } },
                cancellationToken: cancel.Token);
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.False(call.ResponseStream.Current.Done);
            await cancel.CancelAsync();
            var e = await Assert.ThrowsAsync<RpcException>(() => GrpcServer.ReadAllAsync(call));
            Assert.Equal(StatusCode.Cancelled, e.StatusCode);
        }

        var model = await server.RunningModelAsync();
        for (var i = 0; i < 200 && !(model.GetProperty("running").GetInt32() == 0 && model.GetProperty("cancelled").GetInt64() + model.GetProperty("completed").GetInt64() >= 2); i++)
        {
            await Task.Delay(25);
            model = await server.RunningModelAsync();
        }
        Assert.Equal(0, model.GetProperty("running").GetInt32());
        Assert.Equal(1, model.GetProperty("cancelled").GetInt64());
        Assert.Equal(1, model.GetProperty("completed").GetInt64()); // only the warm-up ran to its end
    }
}
