namespace Airgap.Models.Catalog;

/// <summary>A registry operation is refused (unknown model, active version, …); the registry is unchanged.</summary>
public class RegistryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>No model or version by that name is registered.</summary>
public sealed class ModelNotFoundException(string reference, IReadOnlyList<string> available)
    : RegistryException(available.Count == 0
        ? $"model '{reference}' not found; no models are registered"
        : $"model '{reference}' not found; available: {string.Join(", ", available)}")
{
    /// <summary>The name that was asked for.</summary>
    public string Reference { get; } = reference;

    /// <summary>What is registered instead.</summary>
    public IReadOnlyList<string> Available { get; } = available;
}
