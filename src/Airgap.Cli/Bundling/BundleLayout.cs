namespace Airgap.Cli.Bundling;

/// <summary>Where things go in a bundle folder; install.sh and install.ps1 read the same names.</summary>
public static class BundleLayout
{
    /// <summary>The platforms a bundle can hold a build for.</summary>
    public static readonly IReadOnlyList<string> RuntimeIdentifiers = ["linux-x64", "win-x64"];

    public const string Packs = "packs";
    public const string Keys = "keys";
    public const string Checksums = "SHA256SUMS";

    /// <summary>The folder of one platform's build.</summary>
    public static string Build(string root, string rid) => Path.Combine(root, rid);

    /// <summary>The executable in one platform's build.</summary>
    public static string Executable(string rid) => rid.StartsWith("win-", StringComparison.Ordinal) ? "airgap.exe" : "airgap";
}
