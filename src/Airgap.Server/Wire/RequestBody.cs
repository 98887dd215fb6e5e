using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Airgap.Inference.Errors;
using Microsoft.AspNetCore.Http;

namespace Airgap.Server.Wire;

/// <summary>Reads a JSON request body into a wire record, turning malformed JSON into an error that names the field.</summary>
public static class RequestBody
{
    private const long MaxBytes = 64L * 1024 * 1024;

    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken) where T : class
    {
        if (request.ContentLength is > MaxBytes) throw new InvalidRequestException("body", $"is larger than {MaxBytes / (1 << 20)} MB");
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                // Nothing a request asks for is dropped silently: fields this server does not know are named back.
                var known = type.Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                IgnoredFields.Report(request.HttpContext, "fields", root.EnumerateObject().Select(p => p.Name).Where(n => !known.Contains(n)).Distinct());
            }
            return root.Deserialize(type) ?? throw new InvalidRequestException("body", "must be a JSON object, not null");
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            var message = e.Message.Split(" Path:", 2)[0];
            const string conversion = "The JSON value could not be converted to ";
            if (!message.StartsWith(conversion, StringComparison.Ordinal)) throw NotJson(message);
            var target = message[conversion.Length..].TrimEnd('.');
            // A positional record's source-generated converter names the record, not the field's type: look the field up.
            if ((target == type.Type.FullName || target == type.Type.Name) && type.Properties.FirstOrDefault(p => p.Name == field) is { } property)
                target = property.PropertyType.ToString();
            throw new InvalidRequestException(field, "must be " + Describe(target));
        }
    }

    /// <summary>
    /// Parses a body that must be one JSON object, refusing it as <see cref="ReadAsync{T}"/> would (malformed, null, not
    /// an object), so a request checked before it is stored gets the error its endpoint gives.
    /// </summary>
    public static JsonDocument ParseObject(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw NotJson(e.Message.Split(" Path:", 2)[0]);
        }
        var kind = document.RootElement.ValueKind;
        if (kind == JsonValueKind.Object) return document;
        document.Dispose();
        throw new InvalidRequestException("body", kind == JsonValueKind.Null ? "must be a JSON object, not null" : "must be " + Describe("object"));
    }

    private static InvalidRequestException NotJson(string message) => new("body", $"is not valid JSON: {message}");

    private static string Describe(string clrType) => clrType switch
    {
        _ when clrType.Contains("List") || clrType.Contains("[]") => "a list",
        _ when clrType.Contains("Int32") || clrType.Contains("Int64") => "an integer",
        _ when clrType.Contains("Single") || clrType.Contains("Double") => "a number",
        _ when clrType.Contains("Boolean") => "true or false",
        _ when clrType.Contains("String") => "a string",
        _ => "an object",
    };
}
