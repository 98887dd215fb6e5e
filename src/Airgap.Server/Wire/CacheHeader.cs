using Airgap.Inference.Chat;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace Airgap.Server.Wire;

/// <summary>Marks a response answered from the response cache with <c>X-Airgap-Cache: hit</c>.</summary>
public static class CacheHeader
{
    public static void Mark(HttpContext http, ChatResponseUpdate? first) =>
        http.Response.Headers["X-Airgap-Cache"] = first?.AdditionalProperties?.ContainsKey(ResponseCacheChatClient.HitProperty) == true ? "hit" : "miss";
}
