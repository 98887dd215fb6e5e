namespace Airgap.Models.Storage;

/// <summary>
/// The data home: registry.db, content-addressed blobs/, keys/trusted/, tmp/, backups/ and analytics/.
/// Chosen by --home, else AIRGAP_HOME, else ~/.airgap.
/// </summary>
public sealed class AirgapHome
{
    /// <summary>The environment variable that names the home when --home is not given.</summary>
    public const string EnvironmentVariable = "AIRGAP_HOME";

    /// <summary>Opens (and creates when missing) the home at <paramref name="root"/>.</summary>
    public AirgapHome(string root)
    {
        Root = Path.GetFullPath(root);
        foreach (var dir in new[] { Root, BlobsDirectory, TrustedKeysDirectory, TempDirectory, BackupsDirectory, AnalyticsDirectory })
            Directory.CreateDirectory(dir);
    }

    /// <summary>Resolves the home from an explicit path, the environment, or the default.</summary>
    public static AirgapHome Resolve(string? explicitRoot) =>
        new(explicitRoot
            ?? NonEmpty(Environment.GetEnvironmentVariable(EnvironmentVariable))
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".airgap"));

    public string Root { get; }
    public string RegistryPath => Path.Combine(Root, "registry.db");
    public string BlobsDirectory => Path.Combine(Root, "blobs");
    public string TrustedKeysDirectory => Path.Combine(Root, "keys", "trusted");
    public string TempDirectory => Path.Combine(Root, "tmp");

    /// <summary>Where the sweep sets aside blobs no version references, for a grace period before deleting them.</summary>
    public string OrphansDirectory => Path.Combine(TempDirectory, "orphans");
    public string BackupsDirectory => Path.Combine(Root, "backups");
    public string ImportLockPath => Path.Combine(Root, "import.lock");

    /// <summary>Where the text assistants keep their SQLite files (mined templates, analysis cache, autocomplete history).</summary>
    public string AnalyticsDirectory => Path.Combine(Root, "analytics");

    /// <summary>Where the blob with this SHA-256 (lower-case hex) lives.</summary>
    public string BlobPath(string sha256Hex) => Path.Combine(BlobsDirectory, $"sha256-{Sha256Digest.Require(sha256Hex)}");

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
