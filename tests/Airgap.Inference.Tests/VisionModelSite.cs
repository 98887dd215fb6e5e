using Airgap.Inference.Engines.LlamaCpp;
using Airgap.Inference.Scheduling;
using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Packs;
using Airgap.Models.Signing;
using Airgap.Models.Storage;
using Airgap.Models.Synthetic;
using Airgap.Models.Validation;
using Microsoft.Extensions.Logging.Abstractions;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Airgap.Inference.Tests;

/// <summary>
/// A temp home with the tiny vision-language pair (language model + Idefics3 projector, random weights) imported as
/// a pack, smol:test, and the tiny text model as tiny:test; a scheduler over both.
/// </summary>
public sealed class VisionModelSite : IDisposable
{
    public VisionModelSite(InferenceOptions? options = null)
    {
        Root = Directory.CreateTempSubdirectory("airgap-vision-").FullName;
        Home = new AirgapHome(Path.Combine(Root, "home"));
        Registry = new ModelRegistry(Home.RegistryPath);
        var importer = new ModelImporter(Home, Registry, new HeaderValidator());
        var model = Path.Combine(Root, "tiny-vlm.gguf");
        var projector = Path.Combine(Root, "mmproj-tiny-vlm.gguf");
        SyntheticModelWriter.Write(model, SyntheticPreset.TinyVision);
        SyntheticProjectorWriter.Write(projector, SyntheticProjectorPreset.Tiny);
        var (key, publicKey) = SigningKeys.Create(Path.Combine(Root, "keys", "vendor"));
        new TrustedKeyStore(Home).Trust(publicKey);
        var pack = Path.Combine(Root, "pack");
        using (var signing = SigningKeys.LoadPrivate(key))
            PackWriter.WriteAsync(pack, new PackRequest(ModelName.Parse("smol:test"), SemanticVersion.Parse("1.0.0"), null, null, null),
                [(model, "model.gguf"), (projector, "mmproj.gguf")], signing).GetAwaiter().GetResult();
        importer.ImportPackAsync(pack, new ImportOptions(), null, default).GetAwaiter().GetResult();
        var text = Path.Combine(Root, "tiny.gguf");
        SyntheticModelWriter.Write(text, SyntheticPreset.Tiny);
        importer.ImportFileAsync(ImportSource.FromFile(text, ModelName.Parse("tiny:test"), SemanticVersion.Parse("1.0.0")),
            new ImportOptions(AllowUnsigned: true), null, default).GetAwaiter().GetResult();
        Host = new ModelHost(Registry, Home, new LlamaRunnerFactory(NullLoggerFactory.Instance, TimeProvider.System),
            options ?? new InferenceOptions { ContextLength = 1024, Threads = 2, Parallel = 2 }, TimeProvider.System);
        Scheduler = new InferenceScheduler(Host, TimeProvider.System);
    }

    public string Root { get; }
    public AirgapHome Home { get; }
    public ModelRegistry Registry { get; }
    public ModelHost Host { get; }
    public InferenceScheduler Scheduler { get; }

    /// <summary>A PNG of a red square on blue, <paramref name="width"/> × <paramref name="height"/>.</summary>
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

    public void Dispose()
    {
        Host.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
