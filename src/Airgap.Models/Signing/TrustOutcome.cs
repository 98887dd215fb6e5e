namespace Airgap.Models.Signing;

/// <summary>What `keys trust` changed: a new key, a new name scope for a known key, or nothing.</summary>
public enum TrustOutcome { Added, ScopeChanged, AlreadyTrusted }
