using Microsoft.Data.Sqlite;

namespace Airgap.Models.Catalog;

/// <summary>The checks behind `audit verify`, beyond the chain's own links: the trail's end and the versions it accounts for.</summary>
internal static class AuditCheck
{
    public static AuditReport Run(SqliteConnection connection, long recordedGeneration, string? expectedHead)
    {
        var chain = AuditTrail.Read(connection, null);
        var versions = VersionReader.Read(connection, null, null).Select(v => v.Reference).ToHashSet(StringComparer.Ordinal);
        var head = chain.Count > 0 ? chain[^1].Hash : AuditEntry.GenesisHash;
        AuditReport Report(long? id, string? problem) => new(chain.Count, head, versions.Count, id, problem);

        if (AuditTrail.FindFirstBreak(chain) is { } broken)
            return Report(broken.Entry.Id, $"entry {broken.Entry.Id} ({broken.Entry.Action} at {broken.Entry.At:u}) is broken: {broken.Reason}");
        var last = chain.Count > 0 ? chain[^1].Id : 0;
        if (last < recordedGeneration)
            return Report(last + 1, $"the trail ends at entry {last} but this home recorded entry {recordedGeneration}: the newest entries were removed");
        if (expectedHead is not null && expectedHead != AuditEntry.GenesisHash && chain.All(e => e.Hash != expectedHead))
            return Report(null, $"the recorded head {expectedHead} is not in the trail (now {chain.Count} entries ending at {head}): entries up to it were removed or rewritten");

        // Replaying import/copy/remove gives the versions the trail accounts for; the catalog must hold exactly those.
        var accounted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in chain.Where(e => e.Name is not null && e.Version is not null))
        {
            if (e.Action is "import" or "copy") accounted.Add($"{e.Name}@{e.Version}");
            else if (e.Action == "remove") accounted.Remove($"{e.Name}@{e.Version}");
        }
        if (versions.Except(accounted).Order(StringComparer.Ordinal).FirstOrDefault() is { } unaccounted)
            return Report(null, $"{versions.Count} version(s) are registered but {unaccounted} has no import entry in the trail");
        if (accounted.Except(versions).Order(StringComparer.Ordinal).FirstOrDefault() is { } vanished)
            return Report(null, $"the trail imported {vanished} and never removed it, but it is not registered");
        return Report(null, null);
    }
}
