using System.Security.Cryptography;
using Airgap.Models.Storage;

namespace Airgap.Models.Signing;

/// <summary>A public key this site trusts to sign packs.</summary>
public sealed record TrustedKey(string KeyId, string Name, DateTimeOffset AddedAt)
{
    /// <summary>The short id shown to people.</summary>
    public string ShortId => SigningKeys.ShortId(KeyId);
}

/// <summary>The site's trusted signers: keys/trusted/&lt;name&gt;.&lt;keyid&gt;.pub, one SPKI PEM each.</summary>
public sealed class TrustedKeyStore(AirgapHome home)
{
    /// <summary>Trusts the public key at <paramref name="publicKeyPath"/>; returns it (and whether it was new).</summary>
    public (TrustedKey Key, bool Added) Trust(string publicKeyPath)
    {
        using var key = SigningKeys.LoadPublic(publicKeyPath);
        var id = SigningKeys.KeyId(key);
        var existing = List().FirstOrDefault(k => k.KeyId == id);
        if (existing is not null) return (existing, false);
        var name = SafeName(Path.GetFileNameWithoutExtension(publicKeyPath));
        var target = Path.Combine(home.TrustedKeysDirectory, $"{name}.{id}.pub");
        var temp = target + ".partial";
        File.WriteAllText(temp, key.ExportSubjectPublicKeyInfoPem() + "\n");
        File.Move(temp, target);
        return (new TrustedKey(id, name, File.GetLastWriteTimeUtc(target)), true);
    }

    /// <summary>Every trusted key.</summary>
    public IReadOnlyList<TrustedKey> List() =>
        Directory.EnumerateFiles(home.TrustedKeysDirectory, "*.pub")
            .Select(Describe)
            .OfType<TrustedKey>()
            .OrderBy(k => k.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>The key id of the trusted key whose signature verifies <paramref name="manifest"/>, or null.</summary>
    public string? FindSigner(ReadOnlySpan<byte> manifest, ReadOnlySpan<byte> signature)
    {
        foreach (var path in Directory.EnumerateFiles(home.TrustedKeysDirectory, "*.pub"))
        {
            using var key = TryLoad(path);
            if (key is not null && ManifestSignature.Verify(manifest, signature, key)) return SigningKeys.KeyId(key);
        }
        return null;
    }

    private static TrustedKey? Describe(string path)
    {
        using var key = TryLoad(path);
        if (key is null) return null;
        var file = Path.GetFileNameWithoutExtension(path);
        var id = SigningKeys.KeyId(key);
        var name = file.EndsWith("." + id, StringComparison.Ordinal) ? file[..^(id.Length + 1)] : file;
        return new TrustedKey(id, name, File.GetLastWriteTimeUtc(path));
    }

    private static ECDsa? TryLoad(string path)
    {
        try
        {
            return SigningKeys.LoadPublic(path);
        }
        catch (SigningException)
        {
            return null;
        }
    }

    private static string SafeName(string name)
    {
        var clean = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        return clean.Length == 0 ? "key" : clean;
    }
}
