using Airgap.Models.Storage;

namespace Airgap.Models.Signing;

/// <summary>A public key this site trusts to sign packs, and the model names it may publish.</summary>
public sealed record TrustedKey(string KeyId, string Name, DateTimeOffset AddedAt, NameScope Scope)
{
    /// <summary>The short id shown to people.</summary>
    public string ShortId => SigningKeys.ShortId(KeyId);
}

/// <summary>
/// The site's trusted signers: keys/trusted/&lt;name&gt;.&lt;keyid&gt;.pub, one SPKI PEM each, preceded by an
/// 'Airgap-Names:' line when the key is trusted only for some names (kept in the same file so the scope cannot be
/// lost apart from the key).
/// </summary>
public sealed class TrustedKeyStore(AirgapHome home)
{
    private const string NamesHeader = "Airgap-Names:";

    /// <summary>
    /// Trusts the public key at <paramref name="publicKeyPath"/> for <paramref name="scope"/> (null: the scope it has for a
    /// known key; for a new one, the names its file's Airgap-Names line allows — a key carried from another site keeps its
    /// limits — or every name without that line).
    /// </summary>
    public (TrustedKey Key, TrustOutcome Outcome) Trust(string publicKeyPath, NameScope? scope = null)
    {
        using var key = SigningKeys.LoadPublic(publicKeyPath);
        var id = SigningKeys.KeyId(key);
        var existing = Entries().FirstOrDefault(e => e.Key.KeyId == id);
        if (existing.Key is not null && (scope is null || scope.ToString() == existing.Key.Scope.ToString()))
            return (existing.Key, TrustOutcome.AlreadyTrusted);
        var name = existing.Key?.Name ?? SafeName(Path.GetFileNameWithoutExtension(publicKeyPath));
        var target = existing.Path ?? Path.Combine(home.TrustedKeysDirectory, $"{name}.{id}.pub");
        scope ??= ReadScope(File.ReadAllText(publicKeyPath));
        var temp = target + ".partial";
        File.WriteAllText(temp, (scope.AllowsAny ? "" : $"{NamesHeader} {scope}\n") + key.ExportSubjectPublicKeyInfoPem() + "\n");
        File.Move(temp, target, overwrite: true);
        var trusted = new TrustedKey(id, name, File.GetLastWriteTimeUtc(target), scope);
        return (trusted, existing.Key is null ? TrustOutcome.Added : TrustOutcome.ScopeChanged);
    }

    /// <summary>Copies every trusted key file, with its names line, into <paramref name="directory"/> as NAME.pub; returns how many.</summary>
    public int CopyTo(string directory)
    {
        Directory.CreateDirectory(directory);
        var entries = Entries().ToList();
        foreach (var (key, path) in entries) File.Copy(path, Path.Combine(directory, $"{key.Name}.pub"), overwrite: true);
        return entries.Count;
    }

    /// <summary>
    /// Stops trusting the key named <paramref name="reference"/> (its name, key id or short id): <paramref name="record"/> runs
    /// first (the audit entry: a revocation that cannot be recorded does not happen), then its file is deleted, so packs it
    /// signs are refused from now on. Returns the key removed; throws when none or more than one key matches.
    /// </summary>
    public TrustedKey Remove(string reference, Action<TrustedKey> record)
    {
        var matches = Entries().Where(e => e.Key.Name == reference || e.Key.KeyId == reference.ToLowerInvariant()
            || e.Key.ShortId == reference.ToLowerInvariant()).ToList();
        if (matches.Count == 0)
            throw new SigningException($"no trusted key is named or has the id '{reference}'; see 'airgap keys list'");
        if (matches.Count > 1)
            throw new SigningException($"'{reference}' names {matches.Count} trusted keys ({string.Join(", ", matches.Select(m => m.Key.ShortId))}); give the key id");
        record(matches[0].Key);
        File.Delete(matches[0].Path);
        return matches[0].Key;
    }

    /// <summary>Every trusted key.</summary>
    public IReadOnlyList<TrustedKey> List() => Entries().Select(e => e.Key).OrderBy(k => k.Name, StringComparer.Ordinal).ToList();

    /// <summary>The trusted key whose signature verifies <paramref name="manifest"/>, or null.</summary>
    public TrustedKey? FindSigner(ReadOnlySpan<byte> manifest, ReadOnlySpan<byte> signature)
    {
        foreach (var path in Directory.EnumerateFiles(home.TrustedKeysDirectory, "*.pub"))
        {
            var entry = Describe(path);
            if (entry is null) continue;
            using var key = SigningKeys.ParsePublic(File.ReadAllText(path), path);
            if (ManifestSignature.Verify(manifest, signature, key)) return entry;
        }
        return null;
    }

    private IEnumerable<(TrustedKey Key, string Path)> Entries() =>
        Directory.EnumerateFiles(home.TrustedKeysDirectory, "*.pub")
            .Select(p => (Key: Describe(p), Path: p))
            .Where(e => e.Key is not null)
            .Select(e => (e.Key!, e.Path));

    // A key file that does not parse, or whose scope line does not, is not trusted at all: fail closed.
    private static TrustedKey? Describe(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            using var key = SigningKeys.ParsePublic(text, path);
            var file = Path.GetFileNameWithoutExtension(path);
            var id = SigningKeys.KeyId(key);
            var name = file.EndsWith("." + id, StringComparison.Ordinal) ? file[..^(id.Length + 1)] : file;
            return new TrustedKey(id, name, File.GetLastWriteTimeUtc(path), ReadScope(text));
        }
        catch (SigningException)
        {
            return null;
        }
    }

    private static NameScope ReadScope(string text)
    {
        var header = text.Split('\n').TakeWhile(l => !l.StartsWith("-----BEGIN", StringComparison.Ordinal))
            .FirstOrDefault(l => l.StartsWith(NamesHeader, StringComparison.Ordinal));
        return header is null ? NameScope.Any : NameScope.Parse(header[NamesHeader.Length..].Trim());
    }

    private static string SafeName(string name)
    {
        var clean = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        return clean.Length == 0 ? "key" : clean;
    }
}
