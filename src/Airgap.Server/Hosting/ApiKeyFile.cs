using System.Globalization;

namespace Airgap.Server.Hosting;

/// <summary>One key of the key file, with the note written beside it (who made it, when, for what).</summary>
public sealed record ApiKeyEntry(ApiKey Key, string Note);

/// <summary>
/// `api-keys` in the data home: the API keys `airgap keys api create` made, one `sha256:HEX:SCOPE  # note` per line, so
/// keys live in a file (not on a command line, where `ps` shows them) and only as digests. `#` starts a comment.
/// </summary>
public sealed class ApiKeyFile(string path)
{
    public const string FileName = "api-keys";

    public string Path { get; } = path;

    /// <summary>The keys in the file (none when it is absent); throws naming the line of one that does not parse.</summary>
    public IReadOnlyList<ApiKeyEntry> Read()
    {
        if (!File.Exists(Path)) return [];
        var entries = new List<ApiKeyEntry>();
        var number = 0;
        foreach (var line in File.ReadLines(Path))
        {
            number++;
            var hash = line.IndexOf('#');
            var text = (hash >= 0 ? line[..hash] : line).Trim();
            if (text.Length == 0) continue;
            try
            {
                entries.Add(new ApiKeyEntry(ApiKey.Parse(text), hash >= 0 ? line[(hash + 1)..].Trim() : ""));
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"{Path}:{number.ToString(CultureInfo.InvariantCulture)}: {e.Message}");
            }
        }
        return entries;
    }

    /// <summary>Adds a key (its digest only) with a note; the file is replaced whole and readable by its owner only.</summary>
    public void Add(ApiKey key, string note) => Locked(() =>
    {
        Write([.. Read(), new ApiKeyEntry(key, note)]);
        return 0;
    });

    /// <summary>Removes the keys whose id (`key:` and 12 hex digits, or those digits) is <paramref name="id"/>; returns them.</summary>
    public IReadOnlyList<ApiKeyEntry> Remove(string id)
    {
        var digits = id.StartsWith("key:", StringComparison.Ordinal) ? id[4..] : id;
        return Locked(() =>
        {
            var entries = Read();
            IReadOnlyList<ApiKeyEntry> removed = entries.Where(e => e.Key.Id == "key:" + digits.ToLowerInvariant()).ToList();
            if (removed.Count > 0) Write(entries.Except(removed).ToList());
            return removed;
        });
    }

    // Two people (or scripts) changing keys at once would each write what they read, losing the other's key: one at a time.
    private T Locked<T>(Func<T> change)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        FileStream? held = null;
        while (held is null)
        {
            try
            {
                held = new FileStream(Path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
            catch (IOException e)
            {
                throw new IOException($"{Path}: another change to the API keys has held it for 30 s ({e.Message})");
            }
        }
        using (held) return change();
    }

    private void Write(IReadOnlyList<ApiKeyEntry> entries)
    {
        var temp = Path + ".partial";
        var lines = new List<string> { "# Airgap API keys: SHA-256 digests only ('airgap keys api create|list|remove')" };
        lines.AddRange(entries.Select(e => e.Note.Length > 0 ? $"{e.Key}  # {e.Note}" : e.Key.ToString()));
        File.WriteAllLines(temp, lines);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, Path, overwrite: true);
    }
}
