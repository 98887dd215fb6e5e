using Microsoft.AspNetCore.Http;

namespace Airgap.Server.Wire;

/// <summary>Reports what a request asked for and this server does not act on, in <c>X-Airgap-Warning</c>, so nothing is dropped silently.</summary>
public static class IgnoredFields
{
    /// <summary>The response header that carries the warnings.</summary>
    public const string Header = "X-Airgap-Warning";

    /// <summary>Adds "ignored KIND: a, b" to the warning header when <paramref name="names"/> has any.</summary>
    public static void Report(HttpContext http, string kind, IEnumerable<string>? names)
    {
        var list = names?.ToList() ?? [];
        if (list.Count == 0) return;
        var warning = $"ignored {kind}: {string.Join(", ", list)}";
        var existing = http.Response.Headers[Header].ToString();
        http.Response.Headers[Header] = existing.Length == 0 ? warning : existing + "; " + warning;
    }
}
