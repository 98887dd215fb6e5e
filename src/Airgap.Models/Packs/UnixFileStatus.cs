using System.Buffers.Binary;
using System.ComponentModel;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Airgap.Models.Packs;

/// <summary>
/// Linux statx and a non-blocking open: .NET's own open blocks forever on a FIFO with no writer, and its
/// FileInfo cannot tell a FIFO or a device from an ordinary file.
/// </summary>
internal static class UnixFileStatus
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxTypeSizeIno = 0x1 | 0x100 | 0x200;
    private const int ONonBlock = 0x800;
    private const int OCloExec = 0x80000;

    /// <summary>Type, size and identity of a file as statx reports them.</summary>
    internal readonly record struct Status(SourceFileKind Kind, long Size, ulong Inode, ulong Device);

    /// <summary>True where this implementation is used (Linux); elsewhere callers fall back to FileInfo.</summary>
    internal static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>lstat of <paramref name="path"/>: a link is reported as a link, never followed.</summary>
    internal static Status? OfPath(string path)
    {
        var buffer = new byte[256];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxTypeSizeIno, buffer) == 0) return Decode(buffer);
        var errno = Marshal.GetLastPInvokeError();
        return errno is 2 or 20 ? null : throw new IOException($"{path}: {new Win32Exception(errno).Message}");
    }

    /// <summary>Opens read-only without blocking (a FIFO opens at once) and without following a final link.</summary>
    internal static SafeFileHandle OpenNonBlocking(string path)
    {
        var noFollow = RuntimeInformation.ProcessArchitecture is Architecture.Arm or Architecture.Arm64 or Architecture.Ppc64le ? 0x8000 : 0x20000;
        var fd = Open(path, ONonBlock | OCloExec | noFollow);
        if (fd >= 0) return new SafeFileHandle(fd, ownsHandle: true);
        var errno = Marshal.GetLastPInvokeError();
        throw errno switch
        {
            2 or 20 => new FileNotFoundException($"{path} does not exist"),
            40 => new IOException($"{path} is a link"),
            13 or 1 => new UnauthorizedAccessException($"{path}: permission denied"),
            _ => new IOException($"{path}: {new Win32Exception(errno).Message}"),
        };
    }

    /// <summary>fstat of an open handle: what was really opened.</summary>
    internal static Status OfHandle(SafeFileHandle handle)
    {
        var buffer = new byte[256];
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            if (Statx((int)handle.DangerousGetHandle(), "", AtEmptyPath, StatxTypeSizeIno, buffer) == 0) return Decode(buffer);
            throw new IOException($"statx failed: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    // struct statx is the same on every Linux architecture: stx_mode at 28, stx_ino at 32, stx_size at 40,
    // stx_dev_major/minor at 136/140.
    private static Status Decode(byte[] b)
    {
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(28)) & 0xF000;
        var kind = mode switch
        {
            0x8000 => SourceFileKind.Regular,
            0x4000 => SourceFileKind.Directory,
            0xA000 => SourceFileKind.Link,
            0x1000 => SourceFileKind.Fifo,
            0x2000 => SourceFileKind.CharacterDevice,
            0x6000 => SourceFileKind.BlockDevice,
            0xC000 => SourceFileKind.Socket,
            _ => SourceFileKind.Other,
        };
        var device = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(136)) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(140));
        return new Status(kind, (long)BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(40)), BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(32)), device);
    }

    // DllImport rather than LibraryImport: no unsafe code in this assembly; on Unix strings marshal as UTF-8.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirFd, string path, int flags, uint mask, [Out] byte[] buffer);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(string path, int flags);
#pragma warning restore SYSLIB1054
}
