using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Airgap.Server.Hosting;

/// <summary>
/// An API key and what it may do: <c>inference</c> (generate, chat, embed, list) or <c>admin</c> (also change models).
/// Only the key's SHA-256 is kept: a key is configured as KEY[:SCOPE] or, so that no file holds it, as
/// sha256:HEX[:SCOPE] (what `airgap keys api create` writes).
/// </summary>
public sealed record ApiKey(string Digest, string Scope)
{
    public const string Inference = "inference";
    public const string Admin = "admin";
    public const string HashedPrefix = "sha256:";

    /// <summary>Parses KEY[:SCOPE] or sha256:HEX[:SCOPE] (scope defaults to inference).</summary>
    public static ApiKey Parse(string text)
    {
        string digest, scope;
        if (text.StartsWith(HashedPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var rest = text[HashedPrefix.Length..];
            var colon = rest.IndexOf(':');
            var hex = colon >= 0 ? rest[..colon] : rest;
            scope = colon >= 0 ? rest[(colon + 1)..] : Inference;
            if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
                throw new ArgumentException("a hashed API key is sha256: and 64 hex digits ('airgap keys api create' writes one)");
            digest = hex.ToLowerInvariant();
        }
        else
        {
            var colon = text.LastIndexOf(':');
            var key = colon > 0 ? text[..colon] : text;
            scope = colon > 0 ? text[(colon + 1)..] : Inference;
            if (key.Length < 16) throw new ArgumentException("an API key must be at least 16 characters");
            digest = DigestOf(key);
        }
        if (scope is not (Inference or Admin)) throw new ArgumentException($"API key scope '{scope}' is not inference or admin");
        return new ApiKey(digest, scope);
    }

    /// <summary>The lowercase hex SHA-256 of a key as presented.</summary>
    public static string DigestOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A name for this key that does not reveal it: "key:" and the first 12 hex digits of its SHA-256.</summary>
    public string Id => "key:" + Digest[..12];

    /// <summary>True when <paramref name="presented"/> is this key (compared by digest, in constant time).</summary>
    public bool Matches(string presented) =>
        CryptographicOperations.FixedTimeEquals(Convert.FromHexString(Digest), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    /// <summary>The form that stores this key without revealing it.</summary>
    public override string ToString() => $"{HashedPrefix}{Digest}:{Scope}";
}

/// <summary>Marks an endpoint that changes models, so it needs an admin key.</summary>
public sealed class AdminScopeRequired;

/// <summary>Marks an endpoint that answers without a key: it shows nothing a key protects (the root banner, the dashboard's files, the API description).</summary>
public sealed class NoKeyRequired;

/// <summary>
/// When keys or a client CA are configured, every endpoint but /health and those that show no data needs a caller: a
/// client certificate the CA issued, or `Authorization: Bearer KEY`; model changes and the audit trail need the admin scope.
/// </summary>
public static class ApiKeyAuthentication
{
    /// <summary>The identity of a request's caller (`key:…`, `cert:CN`), or "anonymous" when the server asks for none.</summary>
    public static string Identity(HttpContext context) => context.Items[typeof(Caller)] is Caller caller ? caller.Identity : "anonymous";

    /// <summary>
    /// Records the request's caller as the actor of the audit entries it causes (a key id, `cert:CN`, or with no keys
    /// required `anonymous@ADDRESS`), for the request's duration; after <see cref="UseApiKeys"/>.
    /// </summary>
    public static IApplicationBuilder UseAuditActor(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var identity = Identity(context);
        // A replayed job has no connection of its own: then only "anonymous".
        using var actor = Models.Catalog.AuditActor.Begin(identity == "anonymous" && context.Connection.RemoteIpAddress is { } address
            ? $"anonymous@{address}" : identity);
        await next(context);
    });

    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AdminScopeRequired());

    /// <summary>Lets callers without a key reach the endpoint; what it serves must need no key (see <see cref="NoKeyRequired"/>).</summary>
    public static TBuilder AllowWithoutKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new NoKeyRequired());

    public static IApplicationBuilder UseApiKeys(this IApplicationBuilder app, ApiKeyRing ring, ClientCertificateIdentity? clients = null)
    {
        return app.Use(async (context, next) =>
        {
            // Only liveness and what shows no data are public: /health/ready lists the models and their versions.
            if (context.Request.Path.Equals("/health", StringComparison.OrdinalIgnoreCase)
                || (context.GetEndpoint()?.Metadata.GetMetadata<NoKeyRequired>() is not null))
            {
                await next(context);
                return;
            }
            // Open only while no key was ever known: the first key made on a running server closes it at once, and a server
            // whose keys were all removed refuses everyone rather than opening up.
            var keys = ring.Current;
            if (keys.Count == 0 && !ring.Required && clients is null)
            {
                await next(context);
                return;
            }
            // A replayed job runs as the caller that submitted it, if this server still accepts it (its scope as now configured).
            var replay = context.Features.Get<Jobs.JobReplayFeature>();
            var caller = replay is not null ? Replayed(replay.Identity, keys, clients) : Presented(context, keys, clients);
            if (caller is null)
            {
                await Reject(context, StatusCodes.Status401Unauthorized, replay is not null
                    ? "the caller that submitted this job is no longer accepted by this server"
                    : clients is not null && keys.Count == 0 ? "a client certificate issued by the site's CA is required"
                    : "a valid API key is required: Authorization: Bearer KEY");
                return;
            }
            if (context.GetEndpoint()?.Metadata.GetMetadata<AdminScopeRequired>() is not null && !caller.IsAdmin)
            {
                await Reject(context, StatusCodes.Status403Forbidden, "this endpoint changes models or reads the audit trail and needs the admin scope");
                return;
            }
            context.Items[typeof(Caller)] = caller;
            await next(context);
        });
    }

    private static Caller? Presented(HttpContext context, IReadOnlyList<ApiKey> keys, ClientCertificateIdentity? clients)
    {
        // Kestrel took the connection only with a certificate the client CA issued (see ServerTls).
        if (clients is not null && context.Connection.ClientCertificate is { } certificate) return clients.CallerOf(certificate);
        var header = context.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "";
        var key = presented.Length == 0 ? null : keys.FirstOrDefault(k => k.Matches(presented));
        return key is null ? null : new Caller(key.Id, key.Scope);
    }

    private static Caller? Replayed(string identity, IReadOnlyList<ApiKey> keys, ClientCertificateIdentity? clients)
    {
        if (keys.FirstOrDefault(k => k.Id == identity) is { } key) return new Caller(key.Id, key.Scope);
        return clients?.CallerNamed(identity);
    }

    private static Task Reject(HttpContext context, int status, string message)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        var code = status == 401 ? "invalid_api_key" : "insufficient_scope";
        if (Grpc.GrpcErrors.IsGrpc(context))
            return Grpc.GrpcErrors.WriteAsync(context, new Wire.ApiErrors.Classified(status, message, "invalid_request_error", null, code, null));
        context.Response.StatusCode = status;
        var body = context.Request.Path.StartsWithSegments("/v1")
            ? $$$"""{"error":{"message":"{{{message}}}","type":"invalid_request_error","param":null,"code":"{{{code}}}"}}"""
            : $$"""{"error":"{{message}}"}""";
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body);
    }
}
