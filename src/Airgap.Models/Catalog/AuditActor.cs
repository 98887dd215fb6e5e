namespace Airgap.Models.Catalog;

/// <summary>
/// Who the audit trail records as having made a change. A request's caller (`key:…`, `cert:CN`) is set for the
/// request's duration by the server; with none set, the change was made by this process's operating-system user
/// (`os:NAME`): an operator at the CLI, or the service account for the server's own work (drop folders, recovery).
/// </summary>
public static class AuditActor
{
    private static readonly AsyncLocal<string?> CurrentCaller = new();

    /// <summary>The actor the next audit entry written on this flow of execution is recorded with.</summary>
    public static string Current => CurrentCaller.Value ?? OperatingSystemUser;

    /// <summary>This process's user, as an actor; under sudo, who ran it too (`os:root (sudo: alice)`).</summary>
    public static string OperatingSystemUser { get; } = OperatingSystemUserNow();

    private static string OperatingSystemUserNow()
    {
        // A container may run under a uid no passwd entry names: the uid is still someone.
        var user = Environment.UserName is { Length: > 0 } name ? name
            : $"uid={LinuxUid() ?? "unknown"}";
        return Environment.GetEnvironmentVariable("SUDO_USER") is { Length: > 0 } sudo && sudo != user ? $"os:{user} (sudo: {sudo})" : $"os:{user}";
    }

    private static string? LinuxUid()
    {
        try
        {
            return File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?
                .Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Records <paramref name="actor"/> as the maker of changes until the returned scope is disposed.</summary>
    public static IDisposable Begin(string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var outer = CurrentCaller.Value;
        CurrentCaller.Value = actor;
        return new Scope(outer);
    }

    private sealed class Scope(string? outer) : IDisposable
    {
        public void Dispose() => CurrentCaller.Value = outer;
    }
}
