using System.Diagnostics;
using Airgap.Models.Packs;
using Airgap.Models.Signing;

namespace Airgap.Models.Tests.Signing;

/// <summary>A security officer checks and signs packs with stock openssl, without trusting our binary.</summary>
public sealed class OpensslInterop : IDisposable
{
    private readonly SiteFixture _site = new();

    public void Dispose() => _site.Dispose();

    private static (int Code, string Output) Run(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("openssl") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    [Fact]
    public void Openssl_verifies_a_pack_we_signed_and_rejects_an_edited_manifest()
    {
        var pack = _site.Pack();
        File.WriteAllBytes(Path.Combine(pack, "s.der"), Convert.FromBase64String(File.ReadAllText(Path.Combine(pack, "manifest.sig"))));

        var (code, output) = Run(pack, "dgst", "-sha256", "-verify", _site.PublicKeyPath, "-signature", "s.der", "manifest.json");
        Assert.Equal(0, code);
        Assert.Contains("Verified OK", output);

        File.AppendAllText(Path.Combine(pack, "manifest.json"), " ");
        Assert.NotEqual(0, Run(pack, "dgst", "-sha256", "-verify", _site.PublicKeyPath, "-signature", "s.der", "manifest.json").Code);
    }

    [Fact]
    public async Task A_manifest_signed_with_openssl_imports()
    {
        var pack = _site.Pack();
        Assert.Equal(0, Run(pack, "dgst", "-sha256", "-sign", _site.KeyPath, "-out", "s.der", "manifest.json").Code);
        File.WriteAllText(Path.Combine(pack, PackManifest.SignatureFileName), Convert.ToBase64String(File.ReadAllBytes(Path.Combine(pack, "s.der"))));

        var result = await _site.ImportAsync(pack);

        using var key = SigningKeys.LoadPublic(_site.PublicKeyPath);
        Assert.Equal(SigningKeys.KeyId(key), result.Version.SignerKeyId);
    }

    [Fact]
    public void The_key_id_is_the_sha256_of_the_der_public_key_as_openssl_writes_it()
    {
        var dir = Path.GetDirectoryName(_site.PublicKeyPath)!;
        Assert.Equal(0, Run(dir, "pkey", "-pubin", "-in", _site.PublicKeyPath, "-outform", "DER", "-out", "pub.der").Code);
        using var key = SigningKeys.LoadPublic(_site.PublicKeyPath);
        Assert.Equal(SiteFixture.Sha256(Path.Combine(dir, "pub.der")), SigningKeys.KeyId(key));
    }
}
