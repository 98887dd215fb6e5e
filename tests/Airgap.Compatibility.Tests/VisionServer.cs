using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Packs;
using Airgap.Models.Signing;
using Airgap.Models.Synthetic;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Airgap.Compatibility.Tests;

/// <summary>The real server with tiny:test and smol:test, the tiny vision-language pair (language model + projector) imported as a pack.</summary>
public sealed class VisionServer : TinyServer
{
    protected override async Task ImportMoreAsync(ModelImporter importer)
    {
        var model = Path.Combine(Root, "tiny-vlm.gguf");
        var projector = Path.Combine(Root, "mmproj-tiny-vlm.gguf");
        SyntheticModelWriter.Write(model, SyntheticPreset.TinyVision);
        SyntheticProjectorWriter.Write(projector, SyntheticProjectorPreset.Tiny);
        var (key, publicKey) = SigningKeys.Create(Path.Combine(Root, "keys", "vendor"));
        new TrustedKeyStore(Home).Trust(publicKey);
        var pack = Path.Combine(Root, "smol-pack");
        using (var signing = SigningKeys.LoadPrivate(key))
            await PackWriter.WriteAsync(pack, new PackRequest(ModelName.Parse("smol:test"), SemanticVersion.Parse("1.0.0"), null, null, null),
                [(model, "model.gguf"), (projector, "mmproj-model.gguf")], signing);
        await importer.ImportPackAsync(pack, new ImportOptions(), null, default);
    }

    /// <summary>A PNG of a red square on blue.</summary>
    public static byte[] Png(int width = 48, int height = 40)
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(20, 40, 200));
        for (var y = height / 4; y < height * 3 / 4; y++)
        for (var x = width / 4; x < width * 3 / 4; x++)
            image[x, y] = new Rgb24(220, 30, 30);
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }
}
