using System.Collections.Frozen;
using Airgap.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Airgap.Server.Endpoints;

/// <summary>
/// GET /ui: the dashboard, three static files built into this assembly (no build step, nothing fetched from elsewhere).
/// The page shows no data by itself: it reads the API from the browser, with the key the operator types in.
/// </summary>
public static class DashboardEndpoints
{
    /// <summary>Where the dashboard is served.</summary>
    public const string Path = "/ui";

    private static readonly FrozenDictionary<string, (string Resource, string ContentType)> Files = new Dictionary<string, (string, string)>
    {
        ["index.html"] = ("Dashboard/index.html", "text/html; charset=utf-8"),
        ["dashboard.css"] = ("Dashboard/dashboard.css", "text/css; charset=utf-8"),
        ["dashboard.js"] = ("Dashboard/dashboard.js", "text/javascript; charset=utf-8"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (HttpContext http) => Serve(http, "index.html")).AllowWithoutKey();
        app.MapGet(Path + "/{file}", Serve).AllowWithoutKey();
        return app;
    }

    private static IResult Serve(HttpContext http, string file)
    {
        if (!Files.TryGetValue(file, out var entry)) return Results.NotFound();
        var stream = typeof(DashboardEndpoints).Assembly.GetManifestResourceStream(entry.Resource)
            ?? throw new InvalidOperationException($"the dashboard file {entry.Resource} is missing from the build");
        // Everything the page loads comes from this server: the policy makes the browser refuse anything else.
        http.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-cache";
        return Results.Stream(stream, entry.ContentType);
    }
}
