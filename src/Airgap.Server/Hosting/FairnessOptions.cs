using System.ComponentModel.DataAnnotations;

namespace Airgap.Server.Hosting;

/// <summary>
/// Per-caller limits (a caller is its API key, or its address when the server has no keys), so one workstation
/// flooding requests cannot starve the others. 0 turns a limit off.
/// </summary>
public sealed record FairnessOptions
{
    /// <summary>Requests per second each caller may start (a token bucket refilled at this rate); 0: no rate limit.</summary>
    [Range(0.0, 1_000_000.0)]
    public double RequestsPerSecond { get; init; }

    /// <summary>Requests a caller may start at once above its rate (the bucket's size).</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; init; } = 20;

    /// <summary>Requests a caller may have running or waiting at once; more get 429 at once; 0: no limit.</summary>
    [Range(0, 1_000_000)]
    public int MaxInFlight { get; init; }
}
