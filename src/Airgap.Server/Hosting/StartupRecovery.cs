using Airgap.Models.Import;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Airgap.Server.Hosting;

/// <summary>On start, clears what an interrupted import left in tmp/ and sets aside its unregistered blobs, then marks the server ready.</summary>
internal sealed partial class StartupRecovery(ModelImporter importer, ServerState state, ILogger<StartupRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var removed = await importer.RecoverAsync(cancellationToken);
        if (removed > 0) LogRecovered(removed);
        state.MarkReady();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Cleared {Count} files left by an interrupted import (unregistered blobs are kept in tmp/orphans/ for 7 days)")]
    private partial void LogRecovered(int count);
}
