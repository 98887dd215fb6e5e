using System.Security.Cryptography;

namespace Airgap.Models.Signing;

/// <summary>ECDSA P-256 key pairs in the PEM files stock openssl reads: NAME.key (PKCS#8) and NAME.pub (SPKI).</summary>
public static class SigningKeys
{
    /// <summary>Creates NAME.key and NAME.pub for the path prefix DIR/NAME; refuses to overwrite either.</summary>
    public static (string PrivateKeyPath, string PublicKeyPath) Create(string pathPrefix)
    {
        var privatePath = pathPrefix + ".key";
        var publicPath = pathPrefix + ".pub";
        foreach (var existing in new[] { privatePath, publicPath }.Where(File.Exists))
            throw new SigningException($"{existing} already exists; refusing to overwrite a key");
        var dir = Path.GetDirectoryName(Path.GetFullPath(privatePath))!;
        Directory.CreateDirectory(dir);

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var options = OperatingSystem.IsWindows()
            ? new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write }
            : new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            };
        using (var writer = new StreamWriter(privatePath, System.Text.Encoding.ASCII, options))
            writer.Write(key.ExportPkcs8PrivateKeyPem() + "\n");
        File.WriteAllText(publicPath, key.ExportSubjectPublicKeyInfoPem() + "\n");
        return (privatePath, publicPath);
    }

    /// <summary>Loads a private key from a PKCS#8 (or SEC1) PEM file.</summary>
    public static ECDsa LoadPrivate(string path)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(ReadPem(path));
            _ = key.ExportParameters(includePrivateParameters: true);
            RequireP256(key, path);
            return key;
        }
        catch (CryptographicException e)
        {
            key.Dispose();
            throw new SigningException($"{path} is not an ECDSA private key in PEM: {e.Message}");
        }
    }

    /// <summary>Loads a public key from an SPKI PEM file.</summary>
    public static ECDsa LoadPublic(string path) => ParsePublic(ReadPem(path), path);

    /// <summary>Parses an SPKI PEM public key; <paramref name="origin"/> names it in errors.</summary>
    public static ECDsa ParsePublic(string pem, string origin)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            RequireP256(key, origin);
            return key;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new SigningException($"{origin} is not an ECDSA public key in PEM: {e.Message}");
        }
    }

    /// <summary>The key id: SHA-256 (hex) of the DER SubjectPublicKeyInfo.</summary>
    public static string KeyId(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));

    /// <summary>The short form of a key id shown to people.</summary>
    public static string ShortId(string keyId) => keyId[..16];

    private static void RequireP256(ECDsa key, string origin)
    {
        if (key.KeySize != 256) throw new SigningException($"{origin} is a {key.KeySize}-bit key; packs are signed with P-256");
    }

    private static string ReadPem(string path)
    {
        if (!File.Exists(path)) throw new SigningException($"key file {path} does not exist");
        return File.ReadAllText(path);
    }
}
