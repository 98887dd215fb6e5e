namespace Airgap.Cli.Tests;

/// <summary>A command line that does not parse: one line, a hint, exit 2 (1 is kept for a refusal or a failure).</summary>
public sealed class UsageErrorsAreOneLineAndExit2 : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    private async Task<string> UsageAsync(params string[] args)
    {
        var (code, output, error) = await _airgap.RunAsync(args);
        Assert.True(code == 2, $"exit {code}: {output}{error}");
        Assert.Equal("", output);
        var line = error.Trim();
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain("Usage:", line);
        return line;
    }

    [Fact]
    public async Task An_unknown_option_a_missing_argument_and_a_bad_value_each_get_one_line()
    {
        Assert.Equal("error: unknown option '--bogus' for 'airgap pull'; run 'airgap pull --help'", await UsageAsync("pull", "--bogus"));
        Assert.Equal("error: missing NAME[@VERSION] for 'airgap pull'; run 'airgap pull --help'", await UsageAsync("pull"));
        Assert.Equal("error: missing MODEL for 'airgap stop'; run 'airgap stop --help'", await UsageAsync("stop"));
        Assert.Equal("error: version 'one' is not a semantic version X.Y.Z; run 'airgap pull --help'", await UsageAsync("pull", "tiny:test@one"));
        Assert.Equal("error: 'many' is not a valid value for --num-predict (a whole number)", await UsageAsync("run", "tiny:test", "--num-predict", "many"));
        Assert.Equal("error: unknown option '--tempratur' for 'airgap run'; did you mean '--temperature'?", await UsageAsync("run", "tiny:test", "hi", "--tempratur", "1"));
        Assert.StartsWith("error: unknown command 'rn' for 'airgap'", await UsageAsync("rn", "tiny:test"));
        Assert.Equal("error: Argument 'yaml' not recognized. Must be one of: 'json'; run 'airgap run --help'", await UsageAsync("run", "tiny:test", "--format", "yaml"));
    }

    [Fact]
    public async Task Help_is_still_help_and_exit_0()
    {
        var output = await _airgap.OkAsync("run", "--help");
        Assert.Contains("--max-tokens, --num-predict", output);
        Assert.Contains("--interactive", output);
    }
}
