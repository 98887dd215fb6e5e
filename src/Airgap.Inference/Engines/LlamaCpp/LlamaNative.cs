using LLama.Native;

namespace Airgap.Inference.Engines.LlamaCpp;

/// <summary>One-time set-up of the native llama.cpp library: its log goes nowhere unless a sink is given.</summary>
public static class LlamaNative
{
    private static readonly Lock Gate = new();
    private static bool _configured;

    /// <summary>Routes llama.cpp's log to <paramref name="sink"/> (or drops it) before the library first loads.</summary>
    public static void EnsureConfigured(Action<string>? sink = null)
    {
        lock (Gate)
        {
            if (_configured) return;
            NativeLogConfig.llama_log_set((level, message) =>
            {
                if (level >= LLamaLogLevel.Warning) sink?.Invoke(message.TrimEnd());
            });
            // Loading through NativeApi runs LLamaSharp's CPU-feature library selection; a first call that goes
            // straight to another entry point (the quantizer's) would look for a libllama that is not there.
            NativeApi.llama_empty_call();
            _configured = true;
        }
    }
}
