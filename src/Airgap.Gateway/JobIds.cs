using System.Security.Cryptography;
using System.Text;

namespace Airgap.Gateway;

/// <summary>Job ids: random, or derived from the caller and its Idempotency-Key so a retry names the same job.</summary>
public static class JobIds
{
    public static string New() => Guid.NewGuid().ToString("N");

    public static string FromIdempotencyKey(string identity, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{identity}\n{key}")))[..32];
}
