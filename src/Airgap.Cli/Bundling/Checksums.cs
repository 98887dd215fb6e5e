using System.Security.Cryptography;

namespace Airgap.Cli.Bundling;

/// <summary>SHA256SUMS in `sha256sum` format ("HEX  path", forward slashes), so `sha256sum -c SHA256SUMS` checks a bundle.</summary>
public static class Checksums
{
    /// <summary>Writes the digest of every file under <paramref name="root"/> but the list itself; returns how many.</summary>
    public static async Task<int> WriteAsync(string root, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (relative == BundleLayout.Checksums) continue;
            await using var stream = File.OpenRead(file);
            var hash = await SHA256.HashDataAsync(stream, cancellationToken);
            lines.Add($"{Convert.ToHexStringLower(hash)}  {relative}");
        }
        await File.WriteAllTextAsync(Path.Combine(root, BundleLayout.Checksums), string.Join('\n', lines) + "\n", cancellationToken);
        return lines.Count;
    }
}
