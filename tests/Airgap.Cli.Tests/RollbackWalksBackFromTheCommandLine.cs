namespace Airgap.Cli.Tests;

public sealed class RollbackWalksBackFromTheCommandLine : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    [Fact]
    public async Task Rollback_goes_from_1_3_to_1_2_to_1_1_and_then_is_a_one_line_error()
    {
        foreach (var version in new[] { "1.1.0", "1.2.0", "1.3.0" })
            await _airgap.OkAsync("import", await _airgap.SignedPackAsync(version), "--activate");

        Assert.Contains("rolled back tiny:test to 1.2.0", await _airgap.OkAsync("models", "rollback", "tiny:test"));
        Assert.Contains("rolled back tiny:test to 1.1.0", await _airgap.OkAsync("models", "rollback", "tiny:test"));
        var (code, _, error) = await _airgap.RunAsync("models", "rollback", "tiny:test");

        Assert.Equal(1, code);
        Assert.Equal("error: tiny:test has no previous version to roll back to (active: 1.1.0)", error.Trim());
    }
}
