using Microsoft.Win32.SafeHandles;

namespace Airgap.Models.Packs;

/// <summary>
/// A file from outside (a pack on a stick or share, a bare model) opened once: checked through its handle to be an
/// ordinary file of the expected size, and never read past that size plus one byte. FIFOs, devices and links are
/// refused without blocking.
/// </summary>
public sealed class SourceFile : IDisposable
{
    private readonly SafeFileHandle _handle;

    private SourceFile(SafeFileHandle handle, string label, long length)
    {
        _handle = handle;
        Label = label;
        Length = length;
    }

    /// <summary>The name used in errors (the pack path, or the file's own path).</summary>
    public string Label { get; }

    /// <summary>The size of the opened file, read from its handle.</summary>
    public long Length { get; }

    /// <summary>What <paramref name="path"/> names and its size, without following a link and without opening it.</summary>
    public static (SourceFileKind Kind, long Size) Inspect(string path)
    {
        if (UnixFileStatus.IsSupported)
            return UnixFileStatus.OfPath(path) is { } status ? (status.Kind, status.Size) : (SourceFileKind.Missing, 0);
        var info = new FileInfo(path);
        if (info.LinkTarget is not null) return (SourceFileKind.Link, 0);
        if (Directory.Exists(path)) return (SourceFileKind.Directory, 0);
        if (!info.Exists) return (SourceFileKind.Missing, 0);
        return (info.Attributes.HasFlag(FileAttributes.Device) ? SourceFileKind.CharacterDevice : SourceFileKind.Regular, info.Length);
    }

    /// <summary>Refuses <paramref name="path"/> unless it names an ordinary file, checked without opening it; returns its size.</summary>
    public static long RequireOrdinary(string path, string label)
    {
        var (kind, size) = Inspect(path);
        RequireOrdinary(kind, label);
        return size;
    }

    /// <summary>
    /// Opens <paramref name="path"/> when it is an ordinary file (and, when given, exactly <paramref name="expectedSize"/>
    /// bytes); throws <see cref="IncompletePackException"/> when it is missing or of another size, else <see cref="PackException"/>.
    /// </summary>
    public static SourceFile Open(string path, string label, long? expectedSize = null)
    {
        RequireOrdinary(path, label);
        SafeFileHandle handle;
        try
        {
            handle = UnixFileStatus.IsSupported ? UnixFileStatus.OpenNonBlocking(path) : File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (FileNotFoundException)
        {
            throw new IncompletePackException($"'{label}' is missing (incomplete copy?)");
        }
        catch (IOException) when (Inspect(path).Kind == SourceFileKind.Link)
        {
            throw new PackException($"'{label}' is a link; packs hold ordinary files only");
        }
        try
        {
            var length = CheckHandle(handle, path, label);
            if (expectedSize is { } size && length != size)
                throw new IncompletePackException($"'{label}' is {length} bytes, the manifest says {size} (incomplete copy?)");
            return new SourceFile(handle, label, length);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The whole file when it holds at most <paramref name="maxBytes"/> bytes; a file that grows past its size is refused.</summary>
    public byte[] ReadAll(int maxBytes)
    {
        if (Length > maxBytes) throw new PackException($"'{Label}' is {Length} bytes (at most {maxBytes})");
        var buffer = new byte[Length + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = RandomAccess.Read(_handle, buffer.AsSpan(total), total)) > 0) total += read;
        if (total != Length) throw new IncompletePackException($"'{Label}' changed size while being read ({total} bytes, expected {Length})");
        return buffer[..total];
    }

    /// <summary>Up to the first <paramref name="count"/> bytes (fewer when the file is shorter).</summary>
    public byte[] ReadHead(int count)
    {
        var buffer = new byte[Math.Min(count, Length)];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = RandomAccess.Read(_handle, buffer.AsSpan(total), total)) > 0) total += read;
        return buffer[..total];
    }

    /// <summary>A stream of the file's bytes that ends after <see cref="Length"/> + 1 bytes, so growth is seen but never followed.</summary>
    public Stream OpenRead() => new SourceFileStream(_handle, Length + 1);

    public void Dispose() => _handle.Dispose();

    private static void RequireOrdinary(SourceFileKind kind, string label)
    {
        switch (kind)
        {
            case SourceFileKind.Regular: return;
            case SourceFileKind.Missing: throw new IncompletePackException($"'{label}' is missing (incomplete copy?)");
            default: throw new PackException($"'{label}' is {Describe(kind)}, not an ordinary file; packs hold ordinary files only");
        }
    }

    private static long CheckHandle(SafeFileHandle handle, string path, string label)
    {
        if (!UnixFileStatus.IsSupported) return RandomAccess.GetLength(handle);
        var opened = UnixFileStatus.OfHandle(handle);
        RequireOrdinary(opened.Kind, label);
        // What was opened must be what was inspected: a file swapped for a link or a FIFO in between is refused.
        var named = UnixFileStatus.OfPath(path);
        if (named is not { } n || n.Inode != opened.Inode || n.Device != opened.Device)
            throw new PackException($"'{label}' was replaced while being opened");
        return opened.Size;
    }

    private static string Describe(SourceFileKind kind) => kind switch
    {
        SourceFileKind.Link => "a link",
        SourceFileKind.Directory => "a folder",
        SourceFileKind.Fifo => "a FIFO (named pipe)",
        SourceFileKind.CharacterDevice => "a character device",
        SourceFileKind.BlockDevice => "a block device",
        SourceFileKind.Socket => "a socket",
        _ => "not a file",
    };
}
