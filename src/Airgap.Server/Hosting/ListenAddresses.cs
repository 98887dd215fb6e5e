using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Airgap.Server.Hosting;

/// <summary>
/// The `urls` setting checked before Kestrel sees it: Kestrel reads a host it cannot parse (`0.0.0.0:8080x`) as
/// "every interface, port 80", so only explicit `http(s)://IP-or-localhost-or-*:PORT` addresses are taken.
/// </summary>
public static partial class ListenAddresses
{
    /// <summary>The `;`-separated addresses, each checked; throws naming the first one that is not explicit.</summary>
    public static IReadOnlyList<string> Parse(string urls, string example = "http://127.0.0.1:8080")
    {
        var parts = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) throw new ArgumentException($"no listen address given (example: {example})");
        foreach (var url in parts)
        {
            if (Problem(url) is { } problem)
                throw new ArgumentException($"'{url}' is not a listen address: {problem} (example: {example})");
        }
        return parts;
    }

    /// <summary>The port of an address <see cref="Parse"/> accepted.</summary>
    public static int Port(string url) => int.Parse(Shape().Match(url).Groups["port"].Value, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>True for an address <see cref="Parse"/> accepted that only this machine can reach (a loopback IP or localhost).</summary>
    public static bool IsLoopback(string url)
    {
        var host = Shape().Match(url).Groups["host"].Value.Trim('[', ']');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    /// <summary>Where a client on this machine reaches a listen address: a wildcard host (*, +, 0.0.0.0, [::]) is 127.0.0.1.</summary>
    public static string ClientAddress(string url)
    {
        var match = Shape().Match(url);
        if (!match.Success || match.Groups["host"].Value is not ("*" or "+" or "0.0.0.0" or "[::]")) return url;
        var port = match.Groups["port"].Success ? ":" + match.Groups["port"].Value : "";
        return $"{match.Groups["scheme"].Value}://127.0.0.1{port}";
    }

    /// <summary>True for an https:// address.</summary>
    public static bool IsHttps(string url) => url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>What is wrong with one address, or null when it is an explicit one.</summary>
    private static string? Problem(string url)
    {
        var match = Shape().Match(url);
        if (!match.Success) return url.Contains("://", StringComparison.Ordinal) ? "write it as http://host:port" : "it needs a scheme, http:// or https://";
        if (match.Groups["scheme"].Value.ToLowerInvariant() is not ("http" or "https")) return "the scheme must be http or https";
        if (!match.Groups["port"].Success) return "it needs an explicit port (Kestrel would take 80)";
        var portText = match.Groups["port"].Value;
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            return $"the port must be a number from 1 to 65535, got '{portText}'";
        if (match.Groups["path"].Value is not ("" or "/")) return "it must not have a path";
        var host = match.Groups["host"].Value;
        if (host is "*" or "+" || host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return null;
        if (host.StartsWith('['))
        {
            return IPAddress.TryParse(host[1..^1], out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6
                ? null : "the host is not an IPv6 address";
        }
        // IPAddress.TryParse takes "1" and "010.0.0.1" (octal); only the dotted form that reads back the same is explicit.
        return IPAddress.TryParse(host, out var v4) && v4.AddressFamily == AddressFamily.InterNetwork && v4.ToString() == host
            ? null
            : "the host must be an IP address, localhost or * (a host name would listen on every interface)";
    }

    [GeneratedRegex(@"^(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?<host>\[[^\]/]*\]|[^:/\[\]]+)(:(?<port>[^/]*))?(?<path>/.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
