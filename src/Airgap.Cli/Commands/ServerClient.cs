using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Airgap.Cli.Commands;

/// <summary>A running Airgap server as the client verbs see it: --url or $AIRGAP_URL, $AIRGAP_API_KEY as its Bearer key.</summary>
public sealed class ServerClient : IDisposable
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    // The wire records carry their peer's names; a field left null stays out of the request, as Ollama's clients send it.
    private static readonly JsonSerializerOptions Wire = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly HttpClient _http;

    public ServerClient(ServerConnection connection)
    {
        Url = connection.Url;
        // No overall timeout: a streamed answer may run for minutes; connecting is bounded by the handler instead.
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5), SslOptions = connection.TlsOptions() })
        {
            BaseAddress = Url,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        if (Environment.GetEnvironmentVariable("AIRGAP_API_KEY") is { Length: > 0 } key)
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    /// <summary>The server's address.</summary>
    public Uri Url { get; }

    /// <summary>The address <paramref name="given"/> names (null: the default loopback address), checked.</summary>
    public static Uri ServerUrl(string? given)
    {
        var text = given ?? DefaultUrl;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new ArgumentException($"'{text}' is not a server address: write http://HOST:PORT");
    }

    /// <summary>
    /// True when something answers /health at the address within a few seconds; false when nothing listens there; an
    /// <see cref="IOException"/> when a server is there but the TLS handshake fails.
    /// </summary>
    public async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            using var response = await _http.GetAsync("/health", timeout.Token);
            return true;
        }
        catch (HttpRequestException e) when (TlsProblem(e) is { } problem)
        {
            // Something is there and speaks TLS: working in process instead would hide the real problem.
            throw new IOException(problem);
        }
        catch (Exception e) when (e is HttpRequestException or SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    /// <summary>GETs <paramref name="path"/>; the body, or an <see cref="IOException"/> with the server's own error.</summary>
    public async Task<string> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>POSTs <paramref name="body"/> and returns the whole answer.</summary>
    public async Task<string> PostAsync<T>(string path, T body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Wire) }, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>POSTs <paramref name="body"/> and yields each NDJSON line of the streamed answer; an in-band error ends it with an <see cref="IOException"/>.</summary>
    public async IAsyncEnumerable<TLine> StreamAsync<TBody, TLine>(string path, TBody body, Func<TLine, string?> error,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Wire) }, cancellationToken,
            HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            if (text.Length == 0) continue;
            var line = JsonSerializer.Deserialize<TLine>(text, Wire) ?? throw new InvalidDataException($"{Url} sent an empty line");
            if (error(line) is { } problem) throw new IOException(problem);
            yield return line;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new IOException(TlsProblem(e)
                ?? $"no Airgap server answers at {Url} ({e.Message}); start one with 'airgap serve', or name it with --url or AIRGAP_URL");
        }
        finally
        {
            request.Dispose();
        }
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new IOException($"{Url}{request.RequestUri?.OriginalString.TrimStart('/')} answered {(int)response.StatusCode}: {ErrorText(body)}");
        }
    }

    // A server that is there but whose TLS this client cannot complete: its certificate is not trusted, or it wants one
    // from the client (with TLS 1.3 a missing client certificate shows only as the connection closing after the handshake).
    private string? TlsProblem(HttpRequestException e)
    {
        const string Hint = "give the site CA with --ca-cert (or AIRGAP_CA_CERT), and a client certificate with --client-cert when the server asks for one";
        if (e.InnerException is System.Security.Authentication.AuthenticationException tls)
            return $"{Url}: a server answers but the TLS handshake failed ({tls.Message}); {Hint}";
        if (Url.Scheme == "https" && e.HttpRequestError is not HttpRequestError.ConnectionError and not HttpRequestError.NameResolutionError)
            return $"{Url}: a server answers but closed the connection ({e.Message}); it may require a client certificate its CA issued; {Hint}";
        return null;
    }

    // Ollama's {"error": "..."}, OpenAI's {"error": {"message": ...}}, ProblemDetails' detail: the sentence, not the JSON.
    private static string ErrorText(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e))
                return e.ValueKind == JsonValueKind.String ? e.GetString()! : e.TryGetProperty("message", out var m) ? m.GetString() ?? body : body;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String) return d.GetString()!;
        }
        catch (JsonException)
        {
        }
        return body.Trim();
    }

    public void Dispose() => _http.Dispose();
}
