using Airgap.Models.Storage;

namespace Airgap.Models.Import;

/// <summary>Passes copy progress on, and marks the <see cref="ImportStage.Staging"/> point once the first bytes are in tmp/.</summary>
internal sealed class StagingProgress(IProgress<CopyProgress>? inner) : IProgress<CopyProgress>
{
    private bool _reached;

    public void Report(CopyProgress value)
    {
        if (!_reached && value.BytesDone > 0)
        {
            _reached = true;
            ImportStage.Reach(ImportStage.Staging);
        }
        inner?.Report(value);
    }
}
