namespace Airgap.Models.Catalog;

/// <summary>
/// registry.db cannot be trusted (missing or empty while blobs remain, corrupt, another registry, or behind what this
/// home recorded); every operation is refused and nothing is deleted until an operator restores it.
/// </summary>
public sealed class RegistryUnavailableException(string message, Exception? inner = null) : RegistryException(message, inner);
