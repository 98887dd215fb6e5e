using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Airgap.Models.Synthetic;

namespace Airgap.Inference.Tests;

/// <summary>
/// `dotnet pack src/Airgap.Inference` into a feed of its own, then samples/EmbeddedChat built from that feed and run
/// on the tiny model: the package form an application takes, as the README tells it.
/// </summary>
public sealed partial class TheEmbeddedChatSampleRunsFromThePackage : IDisposable
{
    // A version no earlier run used: the global packages folder never serves a stale copy of the package.
    private readonly string _version = $"0.0.0-test.{Guid.NewGuid():N}";
    private readonly string _work = Directory.CreateTempSubdirectory("airgap-package-").FullName;
    private readonly TinyModelSite _site = new();

    public void Dispose()
    {
        _site.Dispose();
        Directory.Delete(_work, recursive: true);
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                       ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in new[] { "airgap.inference", "airgap.models" })
        {
            var extracted = Path.Combine(packages, id, _version);
            if (Directory.Exists(extracted)) Directory.Delete(extracted, recursive: true);
            if (Directory.Exists(Path.GetDirectoryName(extracted)) && !Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(extracted)!).Any())
                Directory.Delete(Path.GetDirectoryName(extracted)!);
        }
    }

    [Fact]
    public async Task Packing_then_running_the_sample_answers_and_embeds_the_question()
    {
        var tree = SourceTree();
        var feed = Path.Combine(_work, "feed");
        List<string> pack =
        [
            "pack", Path.Combine(tree, "src", "Airgap.Inference"), "-c", "Release", "-o", feed,
            "--artifacts-path", Path.Combine(_work, "build"), $"-p:Version={_version}",
        ];
        // The OCR models' tarball this tree's build fetched: the packing needs no network.
        var ocrModels = Path.Combine(tree, "src", "Airgap.Inference", "obj", "npm", "ocr-models-1.4.2.tgz");
        if (File.Exists(ocrModels)) pack.Add($"-p:PpOcrPackage={ocrModels}");
        await DotnetAsync(tree, pack);

        var dependencies = Dependencies(Path.Combine(feed, $"Airgap.Inference.{_version}.nupkg"));
        Assert.Equal(_version, dependencies["Airgap.Models"]);
        Assert.Contains("LLamaSharp.Backend.Cpu", dependencies.Keys); // the native llama.cpp libraries come with it
        Assert.Contains("Microsoft.ML.OnnxRuntime", dependencies.Keys);
        Assert.True(File.Exists(Path.Combine(feed, $"Airgap.Models.{_version}.nupkg")), "Airgap.Models was not packed beside it");

        var sample = Path.Combine(_work, "sample");
        await DotnetAsync(tree, ["build", Path.Combine(tree, "samples", "EmbeddedChat"), "--artifacts-path", sample,
            $"-p:Version={_version}", $"-p:AirgapPackageSource={feed}"]);
        var program = Directory.EnumerateFiles(Path.Combine(sample, "bin"), "EmbeddedChat.dll", SearchOption.AllDirectories).Single();
        var output = await DotnetAsync(_work, [program, "--home", _site.Home.Root, "tiny:test", "What is the chamber pressure?"]);

        var embedded = EmbeddedLine().Match(output);
        Assert.True(embedded.Success, $"the sample did not say how it embedded the question:\n{output}");
        Assert.Equal(SyntheticPreset.Tiny.EmbeddingLength, int.Parse(embedded.Groups[1].Value));
        Assert.False(string.IsNullOrWhiteSpace(output[..embedded.Index]), $"the sample printed no answer:\n{output}");
    }

    [GeneratedRegex(@"^\(question embedded as (\d+) dimensions\)$", RegexOptions.Multiline)]
    private static partial Regex EmbeddedLine();

    private static Dictionary<string, string> Dependencies(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        using var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => (string)e.Attribute("id")!, e => (string)e.Attribute("version")!);
    }

    private static string SourceTree()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Airgap.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"no Airgap.slnx above {AppContext.BaseDirectory}");
    }

    /// <summary>Runs dotnet, failing with everything it printed when it exits non-zero or runs past five minutes.</summary>
    private static async Task<string> DotnetAsync(string workingDirectory, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1"; // no build server left behind by a test
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"dotnet {string.Join(' ', arguments)} ran past five minutes:\n{await stdout}\n{await stderr}");
        }
        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} exited {process.ExitCode}:\n{output}\n{await stderr}");
        return output;
    }
}
