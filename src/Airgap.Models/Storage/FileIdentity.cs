using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Airgap.Models.Storage;

/// <summary>
/// What identifies one state of a file: device, inode, size, modification and status-change times (nanoseconds).
/// The status-change time (ctime) cannot be set from user space, so restoring a tampered file's mtime still shows.
/// </summary>
public readonly record struct FileIdentity(ulong Device, ulong Inode, long Size, long ModifiedNs, long ChangedNs)
{
    private const int StatxSize = 256;

    /// <summary>The identity of the open file behind <paramref name="handle"/>; null where statx is not available (not Linux).</summary>
    public static FileIdentity? Of(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var buffer = new byte[StatxSize];
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            int result;
            try
            {
                result = PosixCalls.Statx((int)handle.DangerousGetHandle(), "", PosixCalls.AtEmptyPath, PosixCalls.StatxBasicStats, buffer);
            }
            catch (EntryPointNotFoundException)
            {
                return null; // a libc older than glibc 2.28: callers re-hash every time
            }
            if (result != 0) throw new IOException($"statx on an open file failed: {PosixCalls.LastError()}");
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
        return FromStatx(buffer);
    }

    // struct statx (linux/stat.h) has one layout on every architecture.
    private static FileIdentity FromStatx(ReadOnlySpan<byte> b)
    {
        static long Nanoseconds(ReadOnlySpan<byte> t) =>
            BinaryPrimitives.ReadInt64LittleEndian(t) * 1_000_000_000L + BinaryPrimitives.ReadUInt32LittleEndian(t[8..]);
        var devMajor = BinaryPrimitives.ReadUInt32LittleEndian(b[136..]);
        var devMinor = BinaryPrimitives.ReadUInt32LittleEndian(b[140..]);
        return new FileIdentity(
            ((ulong)devMajor << 32) | devMinor,
            BinaryPrimitives.ReadUInt64LittleEndian(b[32..]),
            (long)BinaryPrimitives.ReadUInt64LittleEndian(b[40..]),
            Nanoseconds(b[112..]),
            Nanoseconds(b[96..]));
    }
}
