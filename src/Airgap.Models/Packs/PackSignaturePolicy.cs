using Airgap.Models.Signing;

namespace Airgap.Models.Packs;

/// <summary>Decides whether a pack's signature is acceptable: signed by a trusted key, or unsigned when allowed.</summary>
public static class PackSignaturePolicy
{
    /// <summary>Returns the signer's key id, or null for an unsigned pack that <paramref name="allowUnsigned"/> admits.</summary>
    public static string? Check(ModelPack pack, TrustedKeyStore trusted, bool allowUnsigned)
    {
        if (pack.SignatureText is null)
        {
            if (allowUnsigned) return null;
            throw new PackException($"pack is unsigned (no {PackManifest.SignatureFileName}); use --allow-unsigned to import it anyway");
        }
        var signature = ManifestSignature.Decode(pack.SignatureText)
            ?? throw new PackException($"{PackManifest.SignatureFileName} is not base64");
        var signer = trusted.FindSigner(pack.ManifestBytes, signature);
        if (signer is not null) return signer;
        if (allowUnsigned) return null;
        var count = trusted.List().Count;
        throw new PackException(
            $"{PackManifest.SignatureFileName} does not verify against any of the {count} trusted keys (unknown signer, or the manifest was altered)");
    }
}
