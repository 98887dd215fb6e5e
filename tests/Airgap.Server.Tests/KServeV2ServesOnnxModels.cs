using System.Net;
using System.Text.Json;
using Airgap.Inference.Engines.Onnx;
using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Validation;

namespace Airgap.Server.Tests;

public sealed class KServeV2ServesOnnxModels
{
    private const string Tokens = """
        {"id": "r1", "inputs": [
          {"name": "input_ids", "shape": [1, 4], "datatype": "INT64", "data": [[101, 7592, 2088, 102]]},
          {"name": "attention_mask", "shape": [1, 4], "datatype": "INT64", "data": [1, 1, 1, 1]},
          {"name": "token_type_ids", "shape": [1, 4], "datatype": "INT64", "data": [0, 0, 0, 0]}]}
        """;

    [Fact]
    public async Task Health_metadata_and_inference_on_the_built_in_and_an_imported_graph()
    {
        await using var server = await AssistantServer.StartAsync();
        var graph = Path.Combine(server.Root, "minilm.onnx");
        await File.WriteAllBytesAsync(graph, MiniLmPackage.ReadModel());
        await new ModelImporter(server.Home, new ModelRegistry(server.Home.RegistryPath), new HeaderValidator()).ImportFileAsync(
            ImportSource.FromFile(graph, ModelName.Parse("graph:minilm"), SemanticVersion.Parse("2.0.0")), new ImportOptions(AllowUnsigned: true), null, default);

        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/v2/health/ready")).StatusCode);
        using var metadata = JsonDocument.Parse(await server.Client.GetStringAsync("/v2/models/all-minilm"));
        var input = metadata.RootElement.GetProperty("inputs").EnumerateArray().First(i => i.GetProperty("name").GetString() == "input_ids");
        Assert.Equal(("INT64", "[-1,-1]"), (input.GetProperty("datatype").GetString(), input.GetProperty("shape").GetRawText()));
        Assert.Equal("onnxruntime_onnx", metadata.RootElement.GetProperty("platform").GetString());

        foreach (var model in new[] { "all-minilm", "graph:minilm" })
        {
            var (status, result) = await server.PostAsync($"/v2/models/{model}/infer", Tokens);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("r1", result.GetProperty("id").GetString());
            var output = result.GetProperty("outputs").EnumerateArray().First(o => o.GetProperty("shape").GetArrayLength() == 3);
            Assert.Equal(("FP32", "[1,4,384]"), (output.GetProperty("datatype").GetString(), output.GetProperty("shape").GetRawText()));
            Assert.Equal(1536, output.GetProperty("data").GetArrayLength());
        }
        Assert.Equal("2.0.0", (await server.PostAsync("/v2/models/graph:minilm/infer", Tokens)).Body.GetProperty("model_version").GetString());
    }

    [Fact]
    public async Task Bad_tensors_and_unknown_models_are_answered_in_kserves_error_shape()
    {
        await using var server = await AssistantServer.StartAsync();

        async Task<string> Error(string path, string body, HttpStatusCode expected)
        {
            var (status, json) = await server.PostAsync(path, body);
            Assert.Equal(expected, status);
            return json.GetProperty("error").GetString()!;
        }

        Assert.Contains("nowhere", await Error("/v2/models/nowhere/infer", Tokens, HttpStatusCode.NotFound));
        Assert.Contains("tiny:test", await Error("/v2/models/tiny:test/infer", Tokens, HttpStatusCode.NotFound));
        Assert.StartsWith("inputs.input_ids: is FP32; the model takes INT64",
            await Error("/v2/models/all-minilm/infer", Tokens.Replace("\"INT64\", \"data\": [[101", "\"FP32\", \"data\": [[101"), HttpStatusCode.BadRequest));
        Assert.StartsWith("inputs.attention_mask.data: has 4 elements; shape [1,5] needs 5",
            await Error("/v2/models/all-minilm/infer", Tokens.Replace("\"attention_mask\", \"shape\": [1, 4]", "\"attention_mask\", \"shape\": [1, 5]"), HttpStatusCode.BadRequest));
        Assert.StartsWith("inputs: input 'token_type_ids' (INT64) is missing",
            await Error("/v2/models/all-minilm/infer", """{"inputs": [{"name": "input_ids", "shape": [1, 1], "datatype": "INT64", "data": [101]}, {"name": "attention_mask", "shape": [1, 1], "datatype": "INT64", "data": [1]}]}""", HttpStatusCode.BadRequest));
        Assert.StartsWith("inputs.input_ids.shape: holds more than",
            await Error("/v2/models/all-minilm/infer", """{"inputs": [{"name": "input_ids", "shape": [100000, 100000], "datatype": "INT64", "data": []}]}""", HttpStatusCode.BadRequest));
        Assert.Contains("element 1", await Error("/v2/models/all-minilm/infer", Tokens.Replace("[0, 0, 0, 0]", "[0, \"x\", 0, 0]"), HttpStatusCode.BadRequest));
    }
}
