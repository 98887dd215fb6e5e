using Airgap.Models.Storage;

namespace Airgap.Models.Import;

/// <summary>
/// The phases of an import as a watcher sees them: each file copied while its SHA-256 is computed, then, once the last
/// of <paramref name="fileCount"/> files is in, the load-and-generate test. Reports run on the caller's thread, in order
/// (<see cref="Progress{T}"/> would post them to the thread pool, after the import had already ended).
/// </summary>
public sealed class ImportPhaseProgress(int fileCount, Action<CopyProgress> copying, Action validating) : IProgress<CopyProgress>
{
    /// <summary>What the validation phase is called wherever it is shown.</summary>
    public const string ValidatingPhase = "validating in llama.cpp";

    private readonly HashSet<string> _copied = [];

    public void Report(CopyProgress value)
    {
        copying(value);
        if (value.BytesDone >= value.BytesTotal && _copied.Add(value.File) && _copied.Count == fileCount) validating();
    }
}
