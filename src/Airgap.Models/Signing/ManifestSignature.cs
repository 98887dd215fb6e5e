using System.Security.Cryptography;

namespace Airgap.Models.Signing;

/// <summary>
/// The manifest.sig format: an ECDSA P-256 / SHA-256 DER signature over the exact manifest bytes, base64 on one
/// line — what `openssl dgst -sha256 -sign` writes, base64-encoded.
/// </summary>
public static class ManifestSignature
{
    /// <summary>Signs <paramref name="manifest"/> and returns the one-line base64 text.</summary>
    public static string Sign(ReadOnlySpan<byte> manifest, ECDsa key) =>
        Convert.ToBase64String(key.SignData(manifest, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    /// <summary>Decodes the signature file's text; null when it is not base64.</summary>
    public static byte[]? Decode(string text)
    {
        try
        {
            // openssl base64 wraps at 64 columns; accept that as well as one line.
            return Convert.FromBase64String(string.Concat(text.Where(c => !char.IsWhiteSpace(c))));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>True when <paramref name="signature"/> (DER) verifies <paramref name="manifest"/> under <paramref name="key"/>.</summary>
    public static bool Verify(ReadOnlySpan<byte> manifest, ReadOnlySpan<byte> signature, ECDsa key)
    {
        try
        {
            return key.VerifyData(manifest, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
