namespace Airgap.Cli.Bundling;

/// <summary>The Airgap source tree this command runs from (`dotnet run --project src/Airgap.Cli`), if it runs from one.</summary>
public static class SourceTree
{
    /// <summary>The project that builds the `airgap` executable, relative to the tree's root.</summary>
    public const string CliProject = "src/Airgap.Cli/Airgap.Cli.csproj";

    /// <summary>The root of the tree above the working directory or this build's output, or null.</summary>
    public static string? Find() => Above(Environment.CurrentDirectory) ?? Above(AppContext.BaseDirectory);

    private static string? Above(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, CliProject))) return directory.FullName;
        }
        return null;
    }
}
