using Airgap.Inference.Engines.LlamaCpp;
using Airgap.Models.Synthetic;
using LLama.Common;
using Microsoft.Extensions.Logging;

namespace Airgap.Inference.Tests;

public sealed class RefusedModelsSayWhyInLlamaCppsWords : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("airgap-native-log-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class Lines : ILogger
    {
        public List<(LogLevel Level, string Text)> Written { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Written) Written.Add((logLevel, formatter(state, exception)));
        }
    }

    [Fact]
    public void A_truncated_model_fails_with_llama_cpps_own_error_lines()
    {
        var path = Path.Combine(_dir, "cut.gguf");
        SyntheticModelWriter.Write(path, SyntheticPreset.Tiny);
        using (var file = File.OpenWrite(path)) file.SetLength(file.Length / 2);

        var error = Assert.Throws<InvalidOperationException>(() => LlamaNative.LoadWeights(new ModelParams(path) { GpuLayerCount = 0 }));

        Assert.StartsWith("llama.cpp could not load cut.gguf: ", error.Message);
        Assert.DoesNotContain("Failed to load model", error.Message);
        Assert.Contains("llama_model_load", error.Message);
    }

    [Fact]
    public void Llama_cpps_log_reaches_the_logger_at_debug()
    {
        var lines = new Lines();
        LlamaNative.UseLogger(lines);
        var path = Path.Combine(_dir, "cut.gguf");
        SyntheticModelWriter.Write(path, SyntheticPreset.Tiny);
        using (var file = File.OpenWrite(path)) file.SetLength(file.Length / 2);

        Assert.Throws<InvalidOperationException>(() => LlamaNative.LoadWeights(new ModelParams(path) { GpuLayerCount = 0 }));

        lock (lines.Written)
        {
            Assert.Contains(lines.Written, l => l.Level == LogLevel.Debug && l.Text.Contains("llama_model_load", StringComparison.Ordinal));
            Assert.All(lines.Written, l => Assert.Equal(LogLevel.Debug, l.Level));
        }
    }
}
