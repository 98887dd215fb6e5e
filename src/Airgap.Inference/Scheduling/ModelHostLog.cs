using Microsoft.Extensions.Logging;

namespace Airgap.Inference.Scheduling;

/// <summary>What <see cref="ModelHost"/> tells the operator: loads with their time, evictions with their reason, failures.</summary>
internal static partial class ModelHostLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded model {Model} in {LoadSeconds:0.000} s ({MemoryMiB} MiB)")]
    public static partial void Loaded(this ILogger logger, string model, double loadSeconds, long memoryMiB);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evicted model {Model}: {Reason}")]
    public static partial void Evicted(this ILogger logger, string model, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not load model {Model}: {Reason}")]
    public static partial void LoadFailed(this ILogger logger, string model, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Refused to load model {Model}: its blob failed verification: {Reason}")]
    public static partial void VerifyFailed(this ILogger logger, string model, string reason);
}
