using LLama;
using LLama.Common;
using LLama.Exceptions;
using LLama.Native;
using Microsoft.Extensions.Logging;

namespace Airgap.Inference.Engines.LlamaCpp;

/// <summary>
/// One-time set-up of the native llama.cpp library and its log: every line goes to the logger (at Debug) or sink,
/// and recent warnings and errors are kept, so a refused model or grammar can say what llama.cpp objected to.
/// </summary>
public static class LlamaNative
{
    private static readonly Lock Gate = new();
    private static bool _configured;
    private static Action<string>? _sink;
    private static ILogger? _logger;

    /// <summary>Routes llama.cpp's log (warnings and errors to <paramref name="sink"/>) before the library first loads.</summary>
    public static void EnsureConfigured(Action<string>? sink = null)
    {
        lock (Gate)
        {
            if (sink is not null) _sink = sink;
            if (_configured) return;
            try
            {
                NativeLogConfig.llama_log_set(OnLog);
            }
            catch (Exception) when (!_configured)
            {
                // Another thread loaded the library between LLamaSharp's "loaded yet?" check and its configuration
                // (anything that touches NativeApi loads it, a ModelParams among them): loaded now, the callback
                // is set directly.
                NativeLogConfig.llama_log_set(OnLog);
            }
            // Loading through NativeApi runs LLamaSharp's CPU-feature library selection; a first call that goes
            // straight to another entry point (the quantizer's) would look for a libllama that is not there.
            NativeApi.llama_empty_call();
            _configured = true;
        }
    }

    /// <summary>Sends llama.cpp's log to <paramref name="logger"/> at Debug from now on, unless it drops Debug anyway.</summary>
    public static void UseLogger(ILogger logger)
    {
        // The log is process-wide: a logger that would discard every line must not silence one that keeps them.
        if (logger.IsEnabled(LogLevel.Debug)) _logger = logger;
        EnsureConfigured();
    }

    /// <summary>Loads weights, turning llama.cpp's bare "failed to load" into its own last error lines.</summary>
    public static LLamaWeights LoadWeights(ModelParams parameters)
    {
        EnsureConfigured();
        using var capture = NativeLogCapture.Start();
        try
        {
            return LLamaWeights.LoadFromFile(parameters);
        }
        catch (Exception e) when (e is LoadWeightsFailedException or RuntimeError)
        {
            var reason = capture.Errors.Count > 0 ? string.Join("; ", capture.Errors) : e.Message;
            throw new InvalidOperationException($"llama.cpp could not load {Path.GetFileName(parameters.ModelPath)}: {reason}", e);
        }
    }

    /// <summary>Handles a log line of another native library (libmtmd) as one of llama.cpp's.</summary>
    internal static void Forward(LLamaLogLevel level, string message) => OnLog(level, message);

    private static void OnLog(LLamaLogLevel level, string message)
    {
        foreach (var (lineLevel, line) in NativeLogCapture.Append(level, message))
        {
            if (lineLevel >= LLamaLogLevel.Warning) _sink?.Invoke(line);
            if (lineLevel >= LLamaLogLevel.Info && _logger is { } logger && logger.IsEnabled(LogLevel.Debug))
                logger.LogDebug("llama.cpp: {Line}", line);
        }
    }
}
