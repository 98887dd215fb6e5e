using Airgap.Models.Import;
using Airgap.Models.Packs;
using Airgap.Models.Signing;
using Airgap.Models.Validation;

namespace Airgap.Models.Tests.Signing;

public sealed class BadSignaturesAreNeverTakenForUnsigned : IDisposable
{
    private readonly SiteFixture _site = new();

    public void Dispose() => _site.Dispose();

    private static readonly ImportOptions AllowUnsigned = new(AllowUnsigned: true);

    private async Task<string> RefusedAsBadSignature(string pack)
    {
        var before = _site.State();
        var error = await Assert.ThrowsAsync<PackException>(() => _site.ImportAsync(pack, AllowUnsigned));
        Assert.StartsWith("bad signature: ", error.Message);
        Assert.Equal(before, _site.State());
        var audited = _site.Registry.Audit().Last();
        Assert.Equal("refuse", audited.Action);
        Assert.Contains("bad signature: ", audited.Detail);
        return error.Message;
    }

    [Fact]
    public async Task A_manifest_edited_after_signing_is_refused_even_with_allow_unsigned()
    {
        var pack = _site.Pack();
        var manifest = Path.Combine(pack, PackManifest.FileName);
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"test\"", "\"edited\""));

        Assert.Contains("does not verify against any of the 1 trusted keys", await RefusedAsBadSignature(pack));
    }

    [Fact]
    public async Task A_signature_from_an_unknown_key_is_refused_even_with_allow_unsigned()
    {
        var (stranger, _) = SigningKeys.Create(Path.Combine(_site.Root, "keys", "stranger"));

        Assert.Contains("unknown signer", await RefusedAsBadSignature(_site.Pack(keyPath: stranger)));
    }

    [Fact]
    public async Task A_signature_that_is_not_base64_is_refused_even_with_allow_unsigned()
    {
        var pack = _site.Pack();
        File.WriteAllText(Path.Combine(pack, PackManifest.SignatureFileName), "not a signature!");

        Assert.Equal("bad signature: manifest.sig is not base64", await RefusedAsBadSignature(pack));
    }

    [Fact]
    public async Task Verify_refuses_a_bad_signature_even_with_allow_unsigned()
    {
        var pack = _site.Pack();
        File.WriteAllText(Path.Combine(pack, PackManifest.SignatureFileName), Convert.ToBase64String(new byte[70]));
        var verifier = new PackVerifier(_site.Home, _site.Registry, new HeaderValidator());

        var error = await Assert.ThrowsAsync<PackException>(() => verifier.VerifyAsync(pack, AllowUnsigned, CancellationToken.None));

        Assert.StartsWith("bad signature: ", error.Message);
    }

    [Fact]
    public async Task A_pack_without_a_signature_is_still_admitted_with_allow_unsigned()
    {
        var pack = _site.Pack();
        File.Delete(Path.Combine(pack, PackManifest.SignatureFileName));

        var result = await _site.ImportAsync(pack, AllowUnsigned);

        Assert.Null(result.Version.SignerKeyId);
    }
}
