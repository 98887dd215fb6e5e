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
            return await JsonSerializer.DeserializeAsync(request.Body, type, cancellationToken)
                ?? throw new InvalidRequestException("body", "must be a JSON object, not null");
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            var problem = e.Message.Split(" Path:", 2)[0];
            throw new InvalidRequestException(field, problem.StartsWith("'") || problem.Contains("invalid") ? $"is not valid JSON: {problem}" : problem);
        }
    }
}
