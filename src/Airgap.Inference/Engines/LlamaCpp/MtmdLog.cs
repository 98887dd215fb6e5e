using System.Runtime.InteropServices;
using LLama.Native;

namespace Airgap.Inference.Engines.LlamaCpp;

/// <summary>
/// Routes the log of llama.cpp's multimodal library (libmtmd: the clip loader, mtmd and its helper each keep their own
/// logger, writing to stderr by default) into llama.cpp's, so a refused projector says why and the service's stderr
/// stays quiet. LLamaSharp binds none of the three setters: they are taken from the library it loaded.
/// </summary>
internal static class MtmdLog
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void LogCallback(int level, IntPtr text, IntPtr userData);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetLogCallback(IntPtr callback, IntPtr userData);

    private static readonly Lock Gate = new();
    private static readonly LogCallback Callback = OnLog; // rooted for the life of the process: native code keeps the pointer
    private static bool _routed;

    /// <summary>Sends libmtmd's log where llama.cpp's goes from now on; a no-op where the library cannot be found (not Linux).</summary>
    public static void EnsureRouted()
    {
        lock (Gate)
        {
            if (_routed) return;
            _routed = true;
            _ = NativeApi.MtmdDefaultMarker(); // makes LLamaSharp load the libmtmd it selected for this CPU
            if (LoadedPath() is not { } path || !NativeLibrary.TryLoad(path, out var library)) return;
            var pointer = Marshal.GetFunctionPointerForDelegate(Callback);
            foreach (var setter in (string[])["mtmd_log_set", "mtmd_helper_log_set"])
                if (NativeLibrary.TryGetExport(library, setter, out var export))
                    Marshal.GetDelegateForFunctionPointer<SetLogCallback>(export)(pointer, IntPtr.Zero);
        }
    }

    // The path of the libmtmd mapped into this process (the same file LLamaSharp opened, so the same loggers).
    private static string? LoadedPath()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps)) return null;
        foreach (var line in File.ReadLines(maps))
        {
            var start = line.IndexOf('/');
            if (start >= 0 && Path.GetFileName(line[start..]).StartsWith("libmtmd", StringComparison.Ordinal)) return line[start..];
        }
        return null;
    }

    private static void OnLog(int level, IntPtr text, IntPtr userData)
    {
        try
        {
            if (Marshal.PtrToStringUTF8(text) is { } message) LlamaNative.Forward((LLamaLogLevel)level, message);
        }
        catch (Exception)
        {
            // An exception must never unwind into native code.
        }
    }
}
