using System.Net.Http.Json;
using System.Text.Json;
using Airgap.Models.Synthetic;

namespace Airgap.Grpc.Tests;

public sealed class EmbedReturnsVectorsOfTheModelsDimension(GrpcServer server) : IClassFixture<GrpcServer>
{
    [Fact]
    public async Task Embed_returns_one_vector_of_the_models_dimension_per_input_the_same_as_rest()
    {
        var request = new EmbedRequest { Model = GrpcServer.Model };
        request.Input.Add(["pump 4 vibrates", "tank level low"]);
        var response = await server.Client.EmbedAsync(request);

        Assert.Equal(GrpcServer.Model, response.Model);
        Assert.Equal(2, response.Embeddings.Count);
        Assert.All(response.Embeddings, e => Assert.Equal(SyntheticPreset.Tiny.EmbeddingLength, e.Values.Count));
        Assert.NotEqual(response.Embeddings[0].Values, response.Embeddings[1].Values);
        Assert.True(response.PromptEvalCount > 0);

        using var rest = await server.Http.PostAsJsonAsync("/api/embed", new { model = GrpcServer.Model, input = new[] { "pump 4 vibrates", "tank level low" } });
        var restVectors = (await rest.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("embeddings");
        for (var i = 0; i < 2; i++)
        {
            var expected = restVectors[i].EnumerateArray().Select(v => v.GetSingle()).ToArray();
            Assert.Equal(expected, response.Embeddings[i].Values.ToArray());
        }
    }
}
