using System.Net.Http.Headers;
using System.Net;
using System.Text.Json;
using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Synthetic;
using Airgap.Models.Validation;
using Airgap.Tests.Shared;

namespace Airgap.Server.Tests;

public sealed class VisionDetectsAndClassifiesWithOnnxModels
{
    private static async Task Import(AssistantServer server, string name, Action<string> write)
    {
        var path = Path.Combine(server.Root, name.Replace(':', '-') + ".onnx");
        write(path);
        await new ModelImporter(server.Home, new ModelRegistry(server.Home.RegistryPath), new HeaderValidator()).ImportFileAsync(
            ImportSource.FromFile(path, ModelName.Parse(name), SemanticVersion.Parse("1.0.0")), new ImportOptions(AllowUnsigned: true), null, default);
    }

    // A detector whose output is fixed: [1, 6, 2] — one person at (32, 32) 20×40 in input pixels, one weak anchor.
    private static void Detector(string path) => OnnxGraphWriter.WriteConstant(path, "images", [1, 3, 64, 64], "output0", [1, 6, 2],
        [32, 10, 32, 10, 20, 4, 40, 4, 0.9f, 0.1f, 0.05f, 0.1f], new Dictionary<string, string> { ["names"] = "{0: 'person', 1: 'valve'}" });

    [Fact]
    public async Task A_detector_finds_its_box_in_image_pixels_and_a_classifier_names_its_top_labels()
    {
        await using var server = await AssistantServer.StartAsync();
        await Import(server, "yolo:test", Detector);
        await Import(server, "cls:test", p => OnnxGraphWriter.WriteConstant(p, "input", [1, 3, 8, 8], "logits", [1, 3], [0.5f, 3f, -1f],
            new Dictionary<string, string> { ["names"] = "{0: 'ok', 1: 'leak', 2: 'fire'}" }));

        // A 128×64 photo letterboxed into 64×64: scale 0.5, 16 px of padding above and below.
        using var form = new MultipartFormDataContent
        {
            { new StringContent("yolo:test"), "model" },
            { new ByteArrayContent(TestImages.Png(128, 64)) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } }, "image", "panel.png" },
        };
        using var response = await server.Client.PostAsync("/v1/vision/detect", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var detected = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var only = Assert.Single(detected.RootElement.GetProperty("detections").EnumerateArray());
        Assert.Equal(("person", 0.9f), (only.GetProperty("label").GetString(), only.GetProperty("confidence").GetSingle()));
        Assert.Equal("[44,0,84,64]", only.GetProperty("box").GetRawText());
        Assert.Equal((128, 64), (detected.RootElement.GetProperty("width").GetInt32(), detected.RootElement.GetProperty("height").GetInt32()));

        var (status, classified) = await server.PostAsync("/v1/vision/classify",
            $$"""{"model": "cls:test", "image": "{{Convert.ToBase64String(TestImages.Png(20, 20))}}", "top_k": 2}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["leak", "ok"], classified.GetProperty("labels").EnumerateArray().Select(l => l.GetProperty("label").GetString()));
    }

    [Fact]
    public async Task What_is_not_a_usable_image_or_model_is_a_4xx_naming_it_and_an_image_bomb_is_never_decoded()
    {
        await using var server = await AssistantServer.StartAsync();
        await Import(server, "yolo:test", Detector);

        async Task<JsonElement> Refused(string body, HttpStatusCode expected = HttpStatusCode.BadRequest)
        {
            var (status, json) = await server.PostAsync("/v1/vision/detect", body);
            Assert.Equal(expected, status);
            return json.GetProperty("error");
        }
        string Body(byte[] image, string model = "yolo:test") => $$"""{"model": "{{model}}", "image": "{{Convert.ToBase64String(image)}}"}""";

        Assert.Equal("image", (await Refused(Body("not an image at all"u8.ToArray()))).GetProperty("param").GetString());
        var png = TestImages.Png(64, 64);
        Assert.Contains("could not be decoded", (await Refused(Body(png[..(png.Length / 2)]))).GetProperty("message").GetString());
        Assert.Contains("20000 × 20000 pixels, more than 40,000,000", (await Refused(Body(TestImages.Bomb(png, 20000, 20000)))).GetProperty("message").GetString());
        Assert.Equal("image", (await Refused("""{"model": "yolo:test", "image": "%%%"}""")).GetProperty("param").GetString());
        Assert.Equal("model", (await Refused(Body(png, "all-minilm"))).GetProperty("param").GetString());
        await Refused(Body(png, "tiny:test"), HttpStatusCode.NotFound);
    }
}
