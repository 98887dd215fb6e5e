namespace Airgap.Models.Signing;

/// <summary>A key or signature problem: missing, malformed, or not trusted.</summary>
public sealed class SigningException(string message) : Exception(message);
