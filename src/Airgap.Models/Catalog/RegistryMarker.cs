namespace Airgap.Models.Catalog;

/// <summary>
/// registry.id beside registry.db: the identity of the database this home belongs to and the newest audit entry
/// this home has seen committed. A database with another identity, or one whose trail ends before that entry (a
/// deleted WAL, an older copy), is not the registry the blobs were registered in, and must not drive deletion.
/// </summary>
internal sealed record RegistryMarker(string Id, long Generation)
{
    public static string PathFor(string databasePath) => Path.ChangeExtension(Path.GetFullPath(databasePath), ".id");

    /// <summary>The marker, or null when there is none (a new home, or one from before markers) or it is unreadable.</summary>
    public static RegistryMarker? Read(string databasePath)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(PathFor(databasePath));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        return lines.Length >= 2 && lines[0].Length > 0 && long.TryParse(lines[1], out var generation)
            ? new RegistryMarker(lines[0], generation)
            : null;
    }

    /// <summary>Records <paramref name="generation"/> for <paramref name="id"/>, never moving an existing marker backwards.</summary>
    public static void Record(string databasePath, string id, long generation)
    {
        var current = Read(databasePath);
        if (current is not null && current.Id == id && current.Generation >= generation) return;
        var path = PathFor(databasePath);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, $"{id}\n{generation}\n");
        File.Move(temp, path, overwrite: true);
    }
}
