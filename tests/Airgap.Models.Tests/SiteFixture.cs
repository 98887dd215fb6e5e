using System.Security.Cryptography;
using System.Text;
using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Packs;
using Airgap.Models.Signing;
using Airgap.Models.Storage;
using Airgap.Models.Synthetic;
using Airgap.Models.Validation;

namespace Airgap.Models.Tests;

/// <summary>A temp site: a home with a trusted signing key, a tiny synthetic model, and helpers to build packs.</summary>
public sealed class SiteFixture : IDisposable
{
    public SiteFixture()
    {
        Root = Directory.CreateTempSubdirectory("airgap-site-").FullName;
        Home = new AirgapHome(Path.Combine(Root, "home"));
        Registry = new ModelRegistry(Home.RegistryPath);
        Importer = new ModelImporter(Home, Registry, new HeaderValidator());
        (KeyPath, PublicKeyPath) = SigningKeys.Create(Path.Combine(Root, "keys", "vendor"));
        new TrustedKeyStore(Home).Trust(PublicKeyPath);
        ModelPath = Path.Combine(Root, "tiny.gguf");
        SyntheticModelWriter.Write(ModelPath, SyntheticPreset.Tiny);
    }

    /// <summary>Runs <paramref name="sql"/> on registry.db behind the registry's back, as someone tampering with it would.</summary>
    public void Sql(string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Home.RegistryPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public string Root { get; }
    public AirgapHome Home { get; }
    public ModelRegistry Registry { get; }
    public ModelImporter Importer { get; }
    public string KeyPath { get; }
    public string PublicKeyPath { get; }
    public string ModelPath { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    /// <summary>Writes a signed pack of the tiny model (or <paramref name="model"/>) and returns its folder.</summary>
    public string Pack(string version = "1.0.0", string name = "tiny:test", string? model = null, string? keyPath = null)
    {
        var dir = Path.Combine(Root, "packs", $"{name.Replace(':', '-')}-{version}-{Guid.NewGuid():N}");
        using var key = SigningKeys.LoadPrivate(keyPath ?? KeyPath);
        PackWriter.WriteAsync(dir, new PackRequest(ModelName.Parse(name), SemanticVersion.Parse(version), null, "test", "MIT"),
            [(model ?? ModelPath, "model.gguf")], key).GetAwaiter().GetResult();
        return dir;
    }

    /// <summary>Replaces a pack's manifest with <paramref name="json"/> and signs it with the trusted key.</summary>
    public void Resign(string packDir, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        File.WriteAllBytes(Path.Combine(packDir, PackManifest.FileName), bytes);
        using var key = SigningKeys.LoadPrivate(KeyPath);
        File.WriteAllText(Path.Combine(packDir, PackManifest.SignatureFileName), ManifestSignature.Sign(bytes, key));
    }

    public Task<ImportResult> ImportAsync(string packDir, ImportOptions? options = null) =>
        Importer.ImportPackAsync(packDir, options ?? new ImportOptions(), null, CancellationToken.None);

    /// <summary>A snapshot of everything an import may change but the audit trail: versions, active flags, blobs, tmp.</summary>
    public string State() =>
        string.Join("\n", Registry.List().Select(v => $"{v.Reference} {v.Digest} {v.IsActive}"))
        + "|blobs:" + string.Join(",", new BlobStore(Home).List().Order())
        + "|tmp:" + Directory.GetFiles(Home.TempDirectory).Length;

    public static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
