namespace Airgap.Server.Documentation;

/// <summary>What the API reference shows for an endpoint that takes a body: its wire type, a request to copy, and what comes back.</summary>
/// <param name="Body">The wire record the endpoint reads; null for a body of several shapes (described by the example).</param>
/// <param name="Request">A request body that works against a server with the named model.</param>
/// <param name="Response">A typical answer, or null where it is long or a stream.</param>
public sealed record ApiExample(Type? Body, string Request, string? Response = null);
