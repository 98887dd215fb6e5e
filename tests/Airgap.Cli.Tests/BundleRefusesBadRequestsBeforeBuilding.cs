namespace Airgap.Cli.Tests;

/// <summary>A bundle that cannot be right is refused in one line before minutes of publishing, leaving nothing behind.</summary>
public sealed class BundleRefusesBadRequestsBeforeBuilding : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    private string Out => Path.Combine(_airgap.Root, "bundle");

    [Fact]
    public async Task A_model_without_a_signing_key_is_refused()
    {
        var (code, _, error) = await _airgap.RunAsync("bundle", "--out", Out, "--model", "tiny:test");

        Assert.Equal(1, code);
        Assert.Contains("--model needs --sign-key KEY", error);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task A_folder_that_is_not_empty_is_refused_and_left_as_it_was()
    {
        Directory.CreateDirectory(Out);
        await File.WriteAllTextAsync(Path.Combine(Out, "keep.txt"), "mine");

        var (code, _, error) = await _airgap.RunAsync("bundle", "--out", Out);

        Assert.Equal(1, code);
        Assert.Contains("exists and is not empty", error);
        Assert.Equal(["keep.txt"], Directory.EnumerateFileSystemEntries(Out).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_platform_it_cannot_build_is_a_usage_error()
    {
        var (code, _, error) = await _airgap.RunAsync("bundle", "--out", Out, "--rid", "osx-arm64");

        Assert.Equal(2, code);
        Assert.Contains("osx-arm64", error);
    }
}
