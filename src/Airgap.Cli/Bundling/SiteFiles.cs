namespace Airgap.Cli.Bundling;

/// <summary>The files a bundle gives the site besides the builds: install scripts, a README and a starting airgap.json.</summary>
public static class SiteFiles
{
    private static readonly string[] Names = ["install.sh", "install.ps1", "README.md", "airgap.json"];

    /// <summary>Writes them into <paramref name="root"/>; install.sh executable.</summary>
    public static void Write(string root)
    {
        foreach (var name in Names)
        {
            var path = Path.Combine(root, name);
            File.WriteAllText(path, Template(name));
            if (!OperatingSystem.IsWindows() && name.EndsWith(".sh", StringComparison.Ordinal))
                File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
    }

    /// <summary>The text of one of them, as this build carries it.</summary>
    public static string Template(string name)
    {
        using var stream = typeof(SiteFiles).Assembly.GetManifestResourceStream($"Airgap.Cli.Bundling.{name}")
                           ?? throw new InvalidOperationException($"this build lacks its bundle template {name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
