using System.Text;
using System.Text.Json;
using Airgap.Analytics;
using Airgap.Inference.Errors;
using Airgap.Server.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Airgap.Server.Tasks;

/// <summary>
/// Reads a log analysis request in any of its shapes — JSON (`entries`: one entry or a list; or `text`), a multipart
/// upload (`file`, with `format` and `model` parts) or a plain-text body — within Analytics:MaxLogBytes (checked as
/// bytes arrive) and Analytics:MaxLogLines. Every refusal names the field.
/// </summary>
public static class LogAnalysisRequestReader
{
    private const string BytesSetting = "Analytics:MaxLogBytes";

    // A format or model name in a multipart part is a short string; a longer one is not a name.
    private const int MaxNameChars = 4096;

    private static readonly HashSet<string> JsonFields = new(StringComparer.Ordinal) { "entries", "text", "format", "model" };

    /// <summary>Reads the request; throws <see cref="InvalidRequestException"/> (400) or a 413 naming the limit.</summary>
    public static async Task<LogAnalysisRequest> ReadAsync(HttpRequest request, AnalyticsOptions options, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared && declared > options.MaxLogBytes) throw BoundedBodyStream.TooLarge(options.MaxLogBytes, BytesSetting);
        // This endpoint's bound is its own setting, not Kestrel's 30 MB default; it is enforced below as bytes arrive.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = null;
        var body = new BoundedBodyStream(request.Body, options.MaxLogBytes, BytesSetting);
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        return mediaType switch
        {
            "application/json" or null => await ReadJsonAsync(request.HttpContext, body, options, cancellationToken),
            "multipart/form-data" => await ReadMultipartAsync(request.HttpContext, parsed!, body, options, cancellationToken),
            "text/plain" => new LogAnalysisRequest(await ReadLinesAsync(body, options, "body", cancellationToken), "body",
                request.Query["format"].FirstOrDefault(), request.Query["model"].FirstOrDefault()),
            _ => throw new InvalidRequestException("Content-Type",
                $"'{mediaType}' is not accepted: send application/json, multipart/form-data (a part named file) or text/plain"),
        };
    }

    private static async Task<LogAnalysisRequest> ReadJsonAsync(HttpContext http, Stream body, AnalyticsOptions options, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, default, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new InvalidRequestException("body", $"is not valid JSON: {e.Message.Split(" Path:", 2)[0]}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new InvalidRequestException("body", "must be a JSON object with entries or text");
            IgnoredFields.Report(http, "fields", root.EnumerateObject().Select(p => p.Name).Where(n => !JsonFields.Contains(n)).Distinct());
            var format = OptionalString(root, "format");
            var model = OptionalString(root, "model");
            var hasEntries = root.TryGetProperty("entries", out var entries) && entries.ValueKind != JsonValueKind.Null;
            var hasText = root.TryGetProperty("text", out var text) && text.ValueKind != JsonValueKind.Null;
            if (hasEntries == hasText) throw new InvalidRequestException("entries", "send either entries (one entry or a list) or text, not both and not neither");
            if (hasText)
            {
                if (text.ValueKind != JsonValueKind.String) throw new InvalidRequestException("text", "must be a string (the log, one line per line)");
                using var reader = new StringReader(text.GetString()!);
                return new LogAnalysisRequest(await ReadLinesAsync(reader, options, "text", cancellationToken), "text", format, model);
            }
            var lines = new List<string>();
            if (entries.ValueKind == JsonValueKind.String) lines.Add(entries.GetString()!);
            else if (entries.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var entry in entries.EnumerateArray())
                {
                    if (entry.ValueKind != JsonValueKind.String) throw new InvalidRequestException($"entries[{index}]", "must be a string (one log entry)");
                    if (lines.Count == options.MaxLogLines) throw TooManyLines("entries", options);
                    lines.Add(entry.GetString()!);
                    index++;
                }
            }
            else throw new InvalidRequestException("entries", "must be a string (one entry) or a list of strings");
            return new LogAnalysisRequest(lines, "entries", format, model);
        }
    }

    private static async Task<LogAnalysisRequest> ReadMultipartAsync(HttpContext http, MediaTypeHeaderValue contentType, Stream body,
        AnalyticsOptions options, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) throw new InvalidRequestException("Content-Type", "multipart/form-data needs a boundary");
        var reader = new MultipartReader(boundary, body) { BodyLengthLimit = options.MaxLogBytes };
        IReadOnlyList<string>? lines = null;
        string? format = null, model = null;
        var ignored = new List<string>();
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                var name = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    ? HeaderUtilities.RemoveQuotes(disposition.Name).Value : null;
                switch (name)
                {
                    case "file":
                        if (lines is not null) throw new InvalidRequestException("file", "send one file per request");
                        lines = await ReadLinesAsync(section.Body, options, "file", cancellationToken);
                        break;
                    case "format":
                        format = await ReadNameAsync(section.Body, "format", cancellationToken);
                        break;
                    case "model":
                        model = await ReadNameAsync(section.Body, "model", cancellationToken);
                        break;
                    default:
                        ignored.Add(name ?? "(unnamed part)");
                        break;
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new InvalidRequestException("body", $"is not a valid multipart upload: {e.Message}");
        }
        IgnoredFields.Report(http, "parts", ignored);
        if (lines is null) throw new InvalidRequestException("file", "is missing: upload the log as a multipart part named file");
        return new LogAnalysisRequest(lines, "file", format, model);
    }

    private static Task<List<string>> ReadLinesAsync(Stream stream, AnalyticsOptions options, string field, CancellationToken cancellationToken) =>
        ReadLinesAsync(new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true), options, field, cancellationToken);

    private static async Task<List<string>> ReadLinesAsync(TextReader reader, AnalyticsOptions options, string field, CancellationToken cancellationToken)
    {
        using (reader)
        {
            var lines = new List<string>();
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (lines.Count == options.MaxLogLines) throw TooManyLines(field, options);
                lines.Add(line);
            }
            return lines;
        }
    }

    private static async Task<string> ReadNameAsync(Stream stream, string field, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        var buffer = new char[MaxNameChars + 1];
        var read = await reader.ReadBlockAsync(buffer, cancellationToken);
        if (read > MaxNameChars) throw new InvalidRequestException(field, $"is longer than {MaxNameChars} characters");
        return new string(buffer, 0, read).Trim();
    }

    private static string? OptionalString(JsonElement root, string field)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String) throw new InvalidRequestException(field, "must be a string");
        return value.GetString();
    }

    private static InvalidRequestException TooManyLines(string field, AnalyticsOptions options) =>
        new(field, $"has more than Analytics:MaxLogLines ({options.MaxLogLines}) lines");
}
