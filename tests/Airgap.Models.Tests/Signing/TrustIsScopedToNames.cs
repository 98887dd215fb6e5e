using Airgap.Models.Import;
using Airgap.Models.Packs;
using Airgap.Models.Signing;
using Airgap.Models.Validation;

namespace Airgap.Models.Tests.Signing;

public sealed class TrustIsScopedToNames : IDisposable
{
    private readonly SiteFixture _site = new();

    public TrustIsScopedToNames() =>
        new TrustedKeyStore(_site.Home).Trust(_site.PublicKeyPath, NameScope.Parse("llama3.2:*,qwen3:*"));

    public void Dispose() => _site.Dispose();

    [Fact]
    public void The_scope_is_shown_with_the_key()
    {
        var key = Assert.Single(new TrustedKeyStore(_site.Home).List());

        Assert.Equal(["llama3.2:*", "qwen3:*"], key.Scope.Patterns);
        Assert.Equal("llama3.2:*,qwen3:*", key.Scope.ToString());
    }

    [Fact]
    public async Task A_key_may_publish_a_name_it_is_trusted_for()
    {
        var result = await _site.ImportAsync(_site.Pack(name: "qwen3:0.6b"));

        Assert.Equal("qwen3:0.6b", result.Version.Name);
    }

    [Fact]
    public async Task A_key_may_not_publish_a_name_outside_its_scope_at_import()
    {
        var before = _site.State();

        var error = await Assert.ThrowsAsync<PackException>(() => _site.ImportAsync(_site.Pack(name: "tiny:test"), new ImportOptions(AllowUnsigned: true)));

        Assert.EndsWith("is trusted only for names llama3.2:*,qwen3:*; it may not publish tiny:test", error.Message);
        Assert.Equal(before, _site.State());
        Assert.Equal("refuse", _site.Registry.Audit().Last().Action);
    }

    [Fact]
    public async Task A_key_may_not_publish_a_name_outside_its_scope_at_verify()
    {
        var verifier = new PackVerifier(_site.Home, _site.Registry, new HeaderValidator());

        var error = await Assert.ThrowsAsync<PackException>(() =>
            verifier.VerifyAsync(_site.Pack(name: "llama3.1:8b"), new ImportOptions(), CancellationToken.None));

        Assert.Contains("it may not publish llama3.1:8b", error.Message);
    }

    [Fact]
    public void Trusting_again_with_other_names_changes_the_scope_and_without_names_keeps_it()
    {
        var store = new TrustedKeyStore(_site.Home);

        Assert.Equal(TrustOutcome.AlreadyTrusted, store.Trust(_site.PublicKeyPath).Outcome);
        Assert.Equal("llama3.2:*,qwen3:*", Assert.Single(store.List()).Scope.ToString());

        var (key, outcome) = store.Trust(_site.PublicKeyPath, NameScope.Parse("tiny:*"));
        Assert.Equal(TrustOutcome.ScopeChanged, outcome);
        Assert.Equal("tiny:*", key.Scope.ToString());
        Assert.Equal("tiny:*", Assert.Single(store.List()).Scope.ToString());

        Assert.True(store.Trust(_site.PublicKeyPath, NameScope.Parse("*")).Key.Scope.AllowsAny);
    }

    [Fact]
    public void A_key_file_whose_scope_line_was_damaged_is_not_trusted_at_all()
    {
        var file = Assert.Single(Directory.GetFiles(_site.Home.TrustedKeysDirectory, "*.pub"));
        File.WriteAllText(file, File.ReadAllText(file).Replace("Airgap-Names: llama3.2:*,qwen3:*", "Airgap-Names: llama3.2:*,,"));

        Assert.Empty(new TrustedKeyStore(_site.Home).List());
    }

    [Theory]
    [InlineData("llama3.2:*", "llama3.2:3b", true)]
    [InlineData("llama3.2:*", "llama3.20:3b", false)]
    [InlineData("llama3.2:*", "llama3.2", false)]
    [InlineData("qwen?:*", "qwen3:8b", true)]
    [InlineData("*:test", "tiny:test", true)]
    [InlineData("tiny:test", "tiny:test2", false)]
    [InlineData("*", "anything:at-all", true)]
    public void Patterns_match_whole_names_with_star_and_question_mark(string patterns, string name, bool allowed)
    {
        Assert.Equal(allowed, NameScope.Parse(patterns).Allows(name));
    }

    [Theory]
    [InlineData("llama3.2:*,", "--names 'llama3.2:*,' has an empty pattern")]
    [InlineData("llama 3:*", "--names pattern 'llama 3:*' may hold only letters, digits, '.', '_', '-', ':', '*' and '?'")]
    public void A_malformed_scope_is_refused(string text, string message)
    {
        Assert.Equal(message, Assert.Throws<SigningException>(() => NameScope.Parse(text)).Message);
    }
}
