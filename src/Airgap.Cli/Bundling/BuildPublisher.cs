using System.Diagnostics;

namespace Airgap.Cli.Bundling;

/// <summary>
/// Publishes a self-contained single-file `airgap` for one platform from the source tree, in a build folder of its own
/// (the tree's bin and obj are left alone), then keeps only what that platform runs.
/// </summary>
public sealed class BuildPublisher(string sourceTree, string workDirectory)
{
    // llama.cpp's backend package carries native libraries for every platform; a build needs its own platform's only.
    private static readonly string[] NotShipped = [".pdb", ".dbg", ".xml"];

    /// <summary>Publishes the build for <paramref name="rid"/> into <paramref name="output"/>.</summary>
    public async Task PublishAsync(string rid, string output, CancellationToken cancellationToken)
    {
        var log = Path.Combine(workDirectory, $"publish-{rid}.log");
        var arguments = new List<string>
        {
            "publish", Path.Combine(sourceTree, SourceTree.CliProject), "-c", "Release", "-r", rid, "--self-contained",
            "-p:PublishSingleFile=true", "-p:DebugType=none", "-p:GenerateDocumentationFile=false",
            "--artifacts-path", Path.Combine(workDirectory, "build"), "-o", output, "-nologo",
        };
        // The OCR models' tarball the tree's own build fetched: a build from the bundle's machine needs no network for it.
        var ocrModels = Path.Combine(sourceTree, "src", "Airgap.Inference", "obj", "npm", "ocr-models-1.4.2.tgz");
        if (File.Exists(ocrModels)) arguments.Add($"-p:PpOcrPackage={ocrModels}");
        if (Directory.EnumerateFiles(sourceTree, "packages.lock.json", SearchOption.AllDirectories).Any()) arguments.Add("-p:RestoreLockedMode=true");

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = sourceTree };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Start(start);
        await using (var writer = File.CreateText(log))
        {
            var stdout = CopyAsync(process.StandardOutput, writer);
            var stderr = CopyAsync(process.StandardError, writer);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            await Task.WhenAll(stdout, stderr);
        }
        if (process.ExitCode != 0)
        {
            var errors = File.ReadLines(log).Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct().Take(3).ToList();
            throw new BundleException($"dotnet publish for {rid} failed (exit {process.ExitCode}): " +
                                                (errors.Count > 0 ? string.Join(" | ", errors.Select(e => e.Trim())) : $"see {log}"));
        }
        Prune(output, rid);
    }

    private static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new BundleException("could not start dotnet to publish the build");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BundleException($"could not run dotnet ({e.Message}): building from the source tree needs the .NET SDK on the PATH");
        }
    }

    private static async Task CopyAsync(StreamReader reader, StreamWriter writer)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (writer) writer.WriteLine(line);
        }
    }

    /// <summary>Removes symbols, XML docs and other platforms' native libraries from a published build.</summary>
    public static void Prune(string output, string rid)
    {
        foreach (var file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Where(f => NotShipped.Contains(Path.GetExtension(f))))
            File.Delete(file);
        var runtimes = Path.Combine(output, "runtimes");
        if (!Directory.Exists(runtimes)) return;
        foreach (var other in Directory.EnumerateDirectories(runtimes).Where(d => Path.GetFileName(d) != rid))
            Directory.Delete(other, recursive: true);
    }
}
