using System.Text;
using Airgap.Models.Storage;

namespace Airgap.Models.Catalog;

/// <summary>
/// One entry of the tamper-evident audit trail; <see cref="PreviousHash"/> is the hash of the entry before it,
/// and <see cref="Hash"/> this entry's own, so changing or deleting any entry breaks the chain. <see cref="Actor"/> is
/// who made the change (see <see cref="AuditActor"/>); entries written before actors were recorded have none.
/// </summary>
public sealed record AuditEntry(
    long Id, DateTimeOffset At, string Action, string? Name, string? Version, string Detail, string PreviousHash, string Hash,
    string? Actor = null)
{
    /// <summary>The hash of the first entry's predecessor.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// The SHA-256 over every field but the hash itself, length-prefixed so fields cannot run together. The actor is
    /// hashed when there is one, so entries from before actors were recorded keep their hashes.
    /// </summary>
    public static string ComputeHash(long id, DateTimeOffset at, string action, string? name, string? version, string detail, string previousHash,
        string? actor = null)
    {
        var text = new StringBuilder();
        string[] fields = [id.ToString(), at.ToUnixTimeMilliseconds().ToString(), action, name ?? "", version ?? "", detail, previousHash];
        foreach (var field in actor is null ? fields : [.. fields, actor])
            text.Append(field.Length).Append(':').Append(field).Append('|');
        return Sha256Digest.Of(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>True when the stored hash matches the entry's fields.</summary>
    public bool IsIntact => Hash == ComputeHash(Id, At, Action, Name, Version, Detail, PreviousHash, Actor);
}
