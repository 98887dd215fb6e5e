using System.Net;
using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Packs;
using Airgap.Models.Signing;
using Airgap.Models.Synthetic;
using Airgap.Models.Validation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Airgap.Server.Tests;

public sealed class VisionSidecarNamesTheTask
{
    [Fact]
    public async Task A_packs_vision_json_names_the_task_and_labels_over_the_models_own_metadata()
    {
        await using var server = await AssistantServer.StartAsync();
        var dir = Path.Combine(server.Root, "src");
        Directory.CreateDirectory(dir);
        OnnxGraphWriter.WriteConstant(Path.Combine(dir, "model.onnx"), "input", [1, 3, 8, 8], "logits", [1, 3], [0.5f, 3f, -1f],
            new Dictionary<string, string> { ["names"] = "{0: 'x', 1: 'y', 2: 'z'}" });
        await File.WriteAllTextAsync(Path.Combine(dir, "vision.json"),
            """{"task": "classify", "labels": ["closed", "open", "stuck"], "mean": [0.5, 0.5, 0.5], "std": [0.25, 0.25, 0.25]}""");
        var (privateKey, publicKey) = SigningKeys.Create(Path.Combine(server.Root, "vendor"));
        using (var key = SigningKeys.LoadPrivate(privateKey))
            await PackWriter.WriteAsync(Path.Combine(server.Root, "pack"),
                new PackRequest(ModelName.Parse("valves:cls"), SemanticVersion.Parse("1.0.0"), "onnx", "test", "MIT"),
                [(Path.Combine(dir, "model.onnx"), "model.onnx"), (Path.Combine(dir, "vision.json"), "vision.json")], key);
        new TrustedKeyStore(server.Home).Trust(publicKey);
        await new ModelImporter(server.Home, new ModelRegistry(server.Home.RegistryPath), new HeaderValidator())
            .ImportPackAsync(Path.Combine(server.Root, "pack"), new ImportOptions(), null, default);
        using var png = new Image<Rgb24>(16, 16);
        using var bytes = new MemoryStream();
        png.SaveAsPng(bytes);
        var image = Convert.ToBase64String(bytes.ToArray());

        var (status, classified) = await server.PostAsync("/v1/vision/classify", $$"""{"model": "valves:cls", "image": "{{image}}", "top_k": 1}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("open", classified.GetProperty("labels")[0].GetProperty("label").GetString());

        var (wrong, error) = await server.PostAsync("/v1/vision/detect", $$"""{"model": "valves:cls", "image": "{{image}}"}""");
        Assert.Equal(HttpStatusCode.BadRequest, wrong);
        Assert.Contains("is a classify model (its vision.json); use /v1/vision/classify", error.GetProperty("error").GetProperty("message").GetString());
    }
}
