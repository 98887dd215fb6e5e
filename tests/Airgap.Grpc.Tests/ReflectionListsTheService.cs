using Grpc.Reflection.V1Alpha;

namespace Airgap.Grpc.Tests;

public sealed class ReflectionListsTheService(GrpcServer server) : IClassFixture<GrpcServer>
{
    [Fact]
    public async Task Reflection_lists_airgap_v1_Airgap_and_describes_its_four_methods()
    {
        var reflection = new ServerReflection.ServerReflectionClient(server.Channel);
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = "airgap.v1.Airgap" });
        await call.RequestStream.CompleteAsync();

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Contains("airgap.v1.Airgap", call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name));
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto
            .Select(bytes => Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(bytes)).ToList();
        var service = files.SelectMany(f => f.Service).Single(s => s.Name == "Airgap");
        Assert.Equal(["Generate", "Chat", "Embed", "ListModels"], service.Method.Select(m => m.Name));
        Assert.True(service.Method.Single(m => m.Name == "Generate").ServerStreaming);
    }
}
