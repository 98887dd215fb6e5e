using System.Net.Http.Json;
using System.Text.Json;

namespace Airgap.Grpc.Tests;

public sealed class ListModelsListsWhatApiTagsLists(GrpcServer server) : IClassFixture<GrpcServer>
{
    [Fact]
    public async Task ListModels_lists_the_registered_model_as_api_tags_does()
    {
        var response = await server.Client.ListModelsAsync(new ListModelsRequest());

        var tiny = Assert.Single(response.Models, m => m.Name == GrpcServer.Model);
        Assert.Equal(GrpcServer.Model, tiny.Model);
        Assert.Equal("gguf", tiny.Details.Format);
        Assert.Equal("llama", tiny.Details.Family);
        Assert.True(tiny.Size > 0);
        Assert.Equal(64, tiny.Digest.Length);

        var tags = await server.Http.GetFromJsonAsync<JsonElement>("/api/tags");
        Assert.Equal(tags.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString()), response.Models.Select(m => m.Name));
    }
}
