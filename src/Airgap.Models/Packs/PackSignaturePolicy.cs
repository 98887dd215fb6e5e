using Airgap.Models.Signing;

namespace Airgap.Models.Packs;

/// <summary>
/// Decides whether a pack's signature is acceptable: signed by a trusted key that may publish the pack's name, or
/// unsigned when allowed. A signature that is present but fails is never taken for "unsigned".
/// </summary>
public static class PackSignaturePolicy
{
    /// <summary>The prefix of every refusal of a present but invalid signature, as the audit trail records it.</summary>
    public const string BadSignature = "bad signature";

    /// <summary>Returns the signer's key id, or null for an unsigned pack that <paramref name="allowUnsigned"/> admits.</summary>
    public static string? Check(ModelPack pack, TrustedKeyStore trusted, bool allowUnsigned)
    {
        if (pack.SignatureText is null)
        {
            if (allowUnsigned) return null;
            throw new PackException($"pack is unsigned (no {PackManifest.SignatureFileName}); use --allow-unsigned to import it anyway");
        }
        var signature = ManifestSignature.Decode(pack.SignatureText)
            ?? throw new PackException($"{BadSignature}: {PackManifest.SignatureFileName} is not base64");
        var signer = trusted.FindSigner(pack.ManifestBytes, signature);
        if (signer is null)
        {
            var count = trusted.List().Count;
            throw new PackException($"{BadSignature}: {PackManifest.SignatureFileName} does not verify against any of the {count} trusted keys "
                + "(unknown signer, or the manifest was altered); --allow-unsigned does not admit a signature that fails, only a pack without one");
        }
        if (!signer.Scope.Allows(pack.Name.ToString()))
            throw new PackException($"key {signer.Name} ({signer.ShortId}) is trusted only for names {signer.Scope}; it may not publish {pack.Name}");
        return signer.KeyId;
    }
}
