using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Airgap.Server.Endpoints;

/// <summary>GET / and HEAD /: what answers here, in the 200 text that Ollama's clients probe for; a browser goes to the dashboard.</summary>
public static class ServerRoot
{
    /// <summary>The text / answers: the product, its version, and the APIs it speaks.</summary>
    public static string Banner { get; } = $"Airgap {ServerVersion.Current} is running (Ollama- and OpenAI-compatible API; dashboard at /ui, API reference at /openapi)";

    // Ollama's clients (OllamaSharp's IsRunningAsync, the Python and JS libraries) send no Accept or */* and only read the
    // status (OllamaSharp also wants a non-empty body); only a page load names text/html.
    internal static IResult Answer(HttpContext http) =>
        http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase))
            ? TypedResults.Redirect(DashboardEndpoints.Path)
            : TypedResults.Text(Banner);
}
