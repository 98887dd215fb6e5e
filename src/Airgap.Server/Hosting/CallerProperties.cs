using Airgap.Inference.Chat;
using Airgap.Inference.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace Airgap.Server.Hosting;

/// <summary>Who asks and under which Idempotency-Key, carried in a request's chat options down the one inference path.</summary>
public static class CallerProperties
{
    private const int MaxKeyLength = 255;

    /// <summary>Stamps the caller's identity and, when sent, its Idempotency-Key (see <see cref="IdempotencyKey"/>).</summary>
    public static ChatOptions Stamp(this ChatOptions options, HttpContext http)
    {
        options.AdditionalProperties ??= [];
        options.AdditionalProperties[AirgapChatProperties.Identity] = ApiKeyAuthentication.Identity(http);
        if (http.Features.Get<Jobs.JobReplayFeature>() is not null) options.AdditionalProperties[AirgapChatProperties.Asynchronous] = true;
        if (IdempotencyKey(http.Request) is { } key) options.AdditionalProperties[AirgapChatProperties.IdempotencyKey] = key;
        return options;
    }

    /// <summary>The request's Idempotency-Key, null when it sent none; refused unless one value of 1 to 255 printable ASCII characters.</summary>
    public static string? IdempotencyKey(HttpRequest request)
    {
        if (!request.Headers.TryGetValue("Idempotency-Key", out var values)) return null;
        var key = values.ToString().Trim();
        if (values.Count != 1 || key.Length is 0 or > MaxKeyLength || key.Any(c => c < 0x20 || c > 0x7e))
            throw new InvalidRequestException("Idempotency-Key", $"must be one value of 1 to {MaxKeyLength} printable ASCII characters");
        return key;
    }
}
