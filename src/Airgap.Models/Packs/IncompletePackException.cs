namespace Airgap.Models.Packs;

/// <summary>A pack file is missing or not yet its manifest size: a copy may still be under way, so try again later.</summary>
public sealed class IncompletePackException(string message) : PackException(message);
