namespace Airgap.Models.Catalog;

/// <summary>
/// What `audit verify` found: how many entries, the head (newest entry's hash) an operator can record elsewhere, and
/// the first problem (a broken link, removed newest entries, a missing recorded head, versions without imports).
/// </summary>
public sealed record AuditReport(int Entries, string Head, int RegisteredVersions, long? BrokenEntryId, string? Problem)
{
    /// <summary>True when no problem was found.</summary>
    public bool IsIntact => Problem is null;
}
