namespace Airgap.Models.Packs;

/// <summary>A pack is refused: the message says which check failed and why.</summary>
public class PackException(string message) : Exception(message);
