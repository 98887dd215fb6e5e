using System.Security.Cryptography;
using Airgap.Models.Catalog;
using Airgap.Models.Packs;
using Airgap.Models.Signing;
using Airgap.Models.Storage;
using Airgap.Models.Validation;

namespace Airgap.Models.Import;

/// <summary>What `airgap verify` found: the pack, its signer, and the validation summary.</summary>
public sealed record PackVerification(ModelPack Pack, string? SignerKeyId, Admission Admission, string ValidationSummary);

/// <summary>Runs every check an import runs — schema, names, signature, digests, validation, version rules — and installs nothing.</summary>
public sealed class PackVerifier(AirgapHome home, ModelRegistry registry, IModelValidator validator)
{
    /// <summary>Verifies the pack in <paramref name="directory"/>; throws the exception the import would have thrown.</summary>
    public async Task<PackVerification> VerifyAsync(string directory, ImportOptions options, CancellationToken cancellationToken)
    {
        var pack = ModelPack.Open(directory);
        var signer = PackSignaturePolicy.Check(pack, new TrustedKeyStore(home), options.AllowUnsigned);
        foreach (var file in pack.Manifest.Files)
        {
            string actual;
            using (var input = SourceFile.Open(pack.PathOf(file), file.Path, file.Size))
            await using (var stream = input.OpenRead())
                actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
            if (actual != file.Sha256)
                throw new PackException($"'{file.Path}' SHA-256 mismatch: the manifest says {file.Sha256}, the file has {actual}");
        }
        var admission = registry.Admit(pack.Name, pack.Version, pack.Manifest.Files, options.AllowDowngrade);
        var files = pack.Manifest.Files;
        var roles = PackRoles.Find(files.Select(f => f.Path).ToList(), pack.Manifest.Format, i => pack.PathOf(files[i]));
        var validation = await validator.ValidateAsync(pack.PathOf(files[roles.Model]), pack.Manifest.Format,
            roles.Projector is { } p ? pack.PathOf(files[p]) : null, cancellationToken);
        return new PackVerification(pack, signer, admission, validation.Summary);
    }
}
