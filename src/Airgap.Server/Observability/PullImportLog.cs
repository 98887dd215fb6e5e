using Microsoft.Extensions.Logging;

namespace Airgap.Server.Observability;

/// <summary>Imports run by /api/pull: logged and counted like the drop folders' (which log their own).</summary>
public sealed partial class PullImportLog(AirgapMetrics metrics, ILogger<PullImportLog> logger)
{
    public void Imported(string reference, string folder)
    {
        metrics.Imported("pull", "imported");
        LogImported(reference, folder);
    }

    public void Refused(string folder, string reason)
    {
        metrics.Imported("pull", "refused");
        LogRefused(folder, reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Reference} from pack source {Folder} (/api/pull)")]
    private partial void LogImported(string reference, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused pack in {Folder} (/api/pull): {Reason}")]
    private partial void LogRefused(string folder, string reason);
}
