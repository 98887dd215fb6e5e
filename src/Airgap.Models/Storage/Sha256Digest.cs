using System.Security.Cryptography;

namespace Airgap.Models.Storage;

/// <summary>SHA-256 digests as lower-case hex, computed by streaming.</summary>
public static class Sha256Digest
{
    /// <summary>True for 64 lower-case hex characters.</summary>
    public static bool IsValid(string? hex) =>
        hex is { Length: 64 } && hex.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    /// <summary>Returns <paramref name="hex"/> when valid, else throws.</summary>
    public static string Require(string hex) =>
        IsValid(hex) ? hex : throw new ArgumentException($"'{hex}' is not a lower-case hex SHA-256 digest");

    /// <summary>Hashes a file.</summary>
    public static async Task<string> OfFileAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    /// <summary>Hashes bytes.</summary>
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
