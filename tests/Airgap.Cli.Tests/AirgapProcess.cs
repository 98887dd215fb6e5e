using System.Diagnostics;

namespace Airgap.Cli.Tests;

/// <summary>Runs the real `airgap` executable (airgap.dll under dotnet) against a temp home, as a user would.</summary>
public sealed class AirgapProcess : IDisposable
{
    public AirgapProcess()
    {
        Root = Directory.CreateTempSubdirectory("airgap-cli-").FullName;
        Home = Path.Combine(Root, "home");
    }

    public string Root { get; }
    public string Home { get; }

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "airgap.dll");

    public void Dispose() => Directory.Delete(Root, recursive: true);

    public ProcessStartInfo StartInfo(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["AIRGAP_HOME"] = Home;
        return start;
    }

    /// <summary>Runs a verb to completion; returns its exit code, stdout and stderr.</summary>
    public Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => RunAsync(null, null, args);

    /// <summary>Runs a verb with <paramref name="stdin"/> piped in (then closed) and <paramref name="environment"/> added.</summary>
    public Task<(int Code, string Out, string Err)> RunAsync(string? stdin, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = StartInfo(args);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return RunAsync(start, TimeSpan.FromMinutes(2), stdin);
    }

    /// <summary>Runs <paramref name="start"/> to completion within <paramref name="limit"/> (else kills it and throws); returns its exit code, stdout and stderr.</summary>
    public static async Task<(int Code, string Out, string Err)> RunAsync(ProcessStartInfo start, TimeSpan limit, string? stdin = null)
    {
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        start.RedirectStandardInput = stdin is not null;
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} ran past {limit.TotalMinutes} min: {await stdout}{await stderr}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs a verb that must succeed; returns its stdout.</summary>
    public async Task<string> OkAsync(params string[] args)
    {
        var (code, output, error) = await RunAsync(args);
        Assert.True(code == 0, $"airgap {string.Join(' ', args)} exited {code}: {error}{output}");
        return output;
    }

    /// <summary>A tiny Q4_K_M model, a trusted key, and a signed pack of it at version <paramref name="version"/>.</summary>
    public async Task<string> SignedPackAsync(string version = "1.0.0")
    {
        var model = Path.Combine(Root, "tiny.gguf");
        if (!File.Exists(model)) await OkAsync("synth", "--preset", "tiny", "--quant", "q4_k_m", "--out", model);
        if (!File.Exists(Path.Combine(Root, "vendor.key")))
        {
            await OkAsync("keys", "create", "--out", Path.Combine(Root, "vendor"));
            await OkAsync("keys", "trust", Path.Combine(Root, "vendor.pub"));
        }
        var pack = Path.Combine(Root, $"pack-{version}");
        await OkAsync("pack", "--name", "tiny:test", "--version", version, "--key", Path.Combine(Root, "vendor.key"), "--out", pack, model);
        return pack;
    }
}
