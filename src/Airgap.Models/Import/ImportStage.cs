namespace Airgap.Models.Import;

/// <summary>
/// Named points of an import, and a test-only hook: with AIRGAP_TEST_PAUSE_AT set to a stage's name, the importer
/// writes "paused at STAGE" to stderr when it reaches it and waits there, so a test can kill -9 it at that point.
/// </summary>
public static class ImportStage
{
    /// <summary>The environment variable naming the stage to pause at.</summary>
    public const string PauseVariable = "AIRGAP_TEST_PAUSE_AT";

    /// <summary>The first file is being copied into tmp/ (half of it is there).</summary>
    public const string Staging = "staging";

    /// <summary>Every file is in tmp/, hashed and checked, nothing in blobs/ yet.</summary>
    public const string Staged = "staged";

    /// <summary>The files are in blobs/, not yet validated or registered.</summary>
    public const string Committed = "committed";

    /// <summary>Validated and the registry backed up; the registering transaction is next.</summary>
    public const string Validated = "validated";

    /// <summary>Registered; only the result is left to return.</summary>
    public const string Registered = "registered";

    /// <summary>Every stage, in the order an import reaches them.</summary>
    public static IReadOnlyList<string> All { get; } = [Staging, Staged, Committed, Validated, Registered];

    /// <summary>Pauses here when the hook names <paramref name="stage"/>; otherwise returns at once.</summary>
    public static void Reach(string stage)
    {
        if (Environment.GetEnvironmentVariable(PauseVariable) != stage) return;
        Console.Error.WriteLine($"paused at {stage}");
        Console.Error.Flush();
        Thread.Sleep(Timeout.Infinite);
    }
}
