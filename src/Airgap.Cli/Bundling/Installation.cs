using System.Runtime.InteropServices;

namespace Airgap.Cli.Bundling;

/// <summary>This running `airgap` as an installed, self-contained single-file build (what a bundle installs).</summary>
public static class Installation
{
    /// <summary>True when this process is a single-file build: no airgap.dll beside the executable.</summary>
    public static bool IsSingleFile =>
        !File.Exists(Path.Combine(AppContext.BaseDirectory, typeof(Installation).Assembly.GetName().Name + ".dll"));

    /// <summary>The folder holding the executable and its native libraries.</summary>
    public static string Directory => Path.GetDirectoryName(Environment.ProcessPath) ?? AppContext.BaseDirectory;

    /// <summary>The platform this build runs on, as a runtime identifier (linux-x64, win-x64).</summary>
    public static string RuntimeIdentifier => RuntimeInformation.RuntimeIdentifier;
}
