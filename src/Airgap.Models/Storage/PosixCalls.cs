using System.Runtime.InteropServices;

namespace Airgap.Models.Storage;

/// <summary>The few libc calls .NET does not expose: fsync of a directory and statx (inode, device, ctime).</summary>
internal static class PosixCalls
{
    public const int AtFdCwd = -100;
    public const int AtEmptyPath = 0x1000;
    public const uint StatxBasicStats = 0x7ff;

    // O_DIRECTORY differs by architecture (asm-generic vs x86) and by kernel (Linux vs Darwin).
    // O_CLOEXEC keeps the descriptor out of a validation child started meanwhile.
    public static int OpenDirectoryFlags => OperatingSystem.IsMacOS() ? 0x100000 | 0x1000000
        : RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x4000 | 0x80000
        : RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86 ? 0x10000 | 0x80000
        : 0;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    public static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    public static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    public static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    public static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);

    /// <summary>The message for the last errno, as strerror writes it.</summary>
    public static string LastError() => Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
}
