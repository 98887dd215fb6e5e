using System.Text.Json;
using Airgap.Inference.Chat;
using Airgap.Inference.Errors;
using Microsoft.Extensions.AI;

namespace Airgap.Server.Wire;

/// <summary>
/// Images as the APIs send them — Ollama's base64 strings, OpenAI's <c>data:</c> URLs — turned into image
/// <see cref="DataContent"/> that remembers its field, so the engine names a refused image as the caller sent it.
/// Only inline bytes are taken: a URL to fetch is refused, nothing is ever fetched.
/// </summary>
public static class ImageParts
{
    /// <summary>An Ollama <c>images</c> entry: base64 (a <c>data:</c> URL is taken too).</summary>
    public static DataContent FromBase64(JsonElement element, string field)
    {
        if (element.ValueKind != JsonValueKind.String) throw new InvalidRequestException(field, "must be a base64 string");
        var text = element.GetString()!;
        if (text.StartsWith("data:", StringComparison.OrdinalIgnoreCase)) return FromDataUrl(text, field);
        return Image(Base64(text, field), field);
    }

    /// <summary>An OpenAI <c>image_url.url</c>: a base64 <c>data:image/…</c> URL; any other URL is refused unfetched.</summary>
    public static DataContent FromDataUrl(string url, string field)
    {
        if (!url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            throw new InvalidRequestException(field, "must be a data: URL (data:image/png;base64,…); this server fetches nothing, so links to images are refused");
        var comma = url.IndexOf(',');
        if (comma < 0) throw new InvalidRequestException(field, "is a data: URL without a comma before its data");
        var header = url[5..comma];
        var parameters = header.Split(';');
        if (!parameters.Skip(1).Any(p => p.Equals("base64", StringComparison.OrdinalIgnoreCase)))
            throw new InvalidRequestException(field, "must be a base64 data: URL (data:image/png;base64,…)");
        var mediaType = parameters[0].Trim();
        if (mediaType.Length > 0 && !mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
            throw new InvalidRequestException(field, $"is a data: URL of {mediaType}; only images can be shown to a model");
        return Image(Base64(url[(comma + 1)..], field), field);
    }

    private static byte[] Base64(string text, string field)
    {
        try
        {
            var bytes = Convert.FromBase64String(text);
            return bytes.Length > 0 ? bytes : throw new InvalidRequestException(field, "is empty");
        }
        catch (FormatException)
        {
            throw new InvalidRequestException(field, "is not valid base64");
        }
    }

    // The bytes decide what the image is (the engine decodes it again, bounded); the media type only says "an image".
    private static DataContent Image(byte[] bytes, string field) =>
        new(bytes, MediaType(bytes)) { AdditionalProperties = new() { [AirgapChatProperties.Field] = field } };

    private static string MediaType(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']) ? "image/png"
        : bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : bytes.StartsWith("GIF8"u8) ? "image/gif"
        : bytes.StartsWith("BM"u8) ? "image/bmp"
        : bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : "image/x-unknown";
}
