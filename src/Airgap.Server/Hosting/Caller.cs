namespace Airgap.Server.Hosting;

/// <summary>Who sent a request and what it may do: an API key (`key:…`) or a client certificate (`cert:CN`).</summary>
public sealed record Caller(string Identity, string Scope)
{
    public bool IsAdmin => Scope == ApiKey.Admin;
}
