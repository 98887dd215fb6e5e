namespace Airgap.Models.Storage;

/// <summary>Makes a rename or a new entry in a directory survive a power cut by flushing the directory itself.</summary>
public static class DurableDirectory
{
    /// <summary>Flushes <paramref name="directory"/>'s entries to disk; throws <see cref="IOException"/> when that fails.</summary>
    public static void Flush(string directory)
    {
        // NTFS journals directory changes with the file's metadata, and Windows cannot open a directory for
        // FlushFileBuffers without backup privileges; a renamed file flushed before the move is durable there.
        if (OperatingSystem.IsWindows()) return;
        var fd = PosixCalls.Open(directory, PosixCalls.OpenDirectoryFlags);
        if (fd < 0) throw new IOException($"cannot open directory {directory} to flush it: {PosixCalls.LastError()}");
        try
        {
            if (PosixCalls.Fsync(fd) != 0) throw new IOException($"cannot flush directory {directory} to disk: {PosixCalls.LastError()}");
        }
        finally
        {
            PosixCalls.Close(fd);
        }
    }
}
