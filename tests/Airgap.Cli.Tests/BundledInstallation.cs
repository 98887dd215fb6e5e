using System.Diagnostics;
using System.Text.Json;

namespace Airgap.Cli.Tests;

/// <summary>
/// One linux-x64 bundle (published from this source tree, with a signed pack of a tiny model), built once for the tests
/// that install it: publishing takes minutes.
/// </summary>
public sealed class BundledInstallation : IAsyncLifetime
{
    // What install.sh and the installed program may find on the PATH: the shell's tools, and no dotnet.
    private static readonly string[] Tools =
        ["sh", "dirname", "uname", "sha256sum", "mkdir", "rm", "cp", "chmod", "mv", "cat", "sed", "basename", "id", "ls", "env", "grep", "find", "cut", "head", "tr"];

    public AirgapProcess Source { get; } = new();

    public string Bundle => Path.Combine(Source.Root, "bundle");

    /// <summary>A PATH of symlinks to the shell tools install.sh uses, without dotnet.</summary>
    public string ToolsPath => Path.Combine(Source.Root, "tools");

    public JsonElement Summary { get; private set; }

    public async Task InitializeAsync()
    {
        await Source.OkAsync("import", await Source.SignedPackAsync());
        Directory.CreateDirectory(ToolsPath);
        foreach (var tool in Tools)
        {
            var found = new[] { "/usr/bin", "/bin" }.Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists)
                        ?? throw new InvalidOperationException($"the test needs '{tool}' in /usr/bin or /bin");
            File.CreateSymbolicLink(Path.Combine(ToolsPath, tool), found);
        }
        var (code, output, error) = await AirgapProcess.RunAsync(Source.StartInfo("bundle", "--out", Bundle, "--rid", "linux-x64", "--model", "tiny:test",
            "--sign-key", Path.Combine(Source.Root, "vendor.key"), "--json"), TimeSpan.FromMinutes(15));
        Assert.True(code == 0, $"airgap bundle exited {code}: {error}");
        Summary = JsonDocument.Parse(output).RootElement.Clone();
    }

    public Task DisposeAsync()
    {
        Source.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Runs the bundle's install.sh with the tools PATH only; returns its exit code and output.</summary>
    public Task<(int Code, string Out, string Err)> InstallAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(Bundle, "install.sh"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        Isolate(start);
        return AirgapProcess.RunAsync(start, TimeSpan.FromMinutes(3));
    }

    /// <summary>The installed program under <paramref name="root"/>, on its installed data home and settings, with no dotnet anywhere.</summary>
    public ProcessStartInfo Installed(string root, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(root, "opt", "airgap", "airgap")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        Isolate(start);
        start.Environment["AIRGAP_HOME"] = Path.Combine(root, "var", "lib", "airgap");
        start.Environment["AIRGAP_CONFIG"] = Path.Combine(root, "etc", "airgap", "airgap.json");
        return start;
    }

    private void Isolate(ProcessStartInfo start)
    {
        start.UseShellExecute = false;
        start.Environment.Clear();
        start.Environment["PATH"] = ToolsPath;
        start.Environment["HOME"] = Source.Root;
    }
}
