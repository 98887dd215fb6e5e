using System.Diagnostics;
using System.Globalization;

namespace Airgap.Bench;

/// <summary>Which llama.cpp the comparison ran against, and the exact commands.</summary>
public sealed record LlamaCppRun(string Directory, string? Build, IReadOnlyList<string> Commands);

/// <summary>Everything one run measured and how: what bench/results/*.json holds and docs/performance.md shows.</summary>
public sealed record RunRecord(
    DateTimeOffset Date, string Commit, bool Dirty, string Command, Machine Machine, string Model, long ModelBytes,
    int Threads, int Rounds, int Tokens, LlamaCppRun? LlamaCpp, IReadOnlyList<Figure> Figures, IReadOnlyList<Ratio> Ratios)
{
    /// <summary>The folder holding Airgap.slnx, found from the working directory or the program's own folder.</summary>
    public static string? RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Airgap.slnx"))) return dir.FullName;
        return null;
    }

    /// <summary>HEAD's hash and whether tracked files differ from it: a dirty run is not the commit's figure.</summary>
    public static (string Commit, bool Dirty) Revision(string root)
    {
        var commit = Git(root, "rev-parse", "HEAD") ?? "unknown";
        var status = Git(root, "status", "--porcelain", "--untracked-files=no");
        return (commit, !string.IsNullOrEmpty(status));
    }

    public string ShortCommit => Commit.Length > 12 ? Commit[..12] : Commit;

    public string FileName => $"{Date.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}-{ShortCommit}.json";

    /// <summary>The file of one mode's run (&lt;date&gt;-&lt;commit&gt;-&lt;mode&gt;.json), beside the full runs'.</summary>
    public string FileNameFor(string mode) => FileName.Replace(".json", $"-{mode}.json", StringComparison.Ordinal);

    private static string? Git(string root, params string[] args)
    {
        try
        {
            var info = ToolProcess.StartInfo("git", ["-C", root, .. args]);
            using var git = Process.Start(info)!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.StandardError.ReadToEnd();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git: the record says "unknown" rather than failing a long run at its end
        }
    }
}
