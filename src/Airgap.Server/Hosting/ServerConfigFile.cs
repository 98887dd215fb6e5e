using System.Text.Json;
using System.Text.Json.Serialization;
using Airgap.Inference.Scheduling;
using Airgap.Models.Storage;

namespace Airgap.Server.Hosting;

/// <summary>
/// Server settings from airgap.json in the data home, or from the command line (which wins). Every key is listed in
/// docs/configuration.md; unknown keys are refused.
/// </summary>
public sealed record ServerConfigFile(
    [property: JsonPropertyName("urls")] string? Urls = null,
    [property: JsonPropertyName("watch")] IReadOnlyList<string>? Watch = null,
    [property: JsonPropertyName("watch_interval_seconds")] double? WatchIntervalSeconds = null,
    [property: JsonPropertyName("pack_sources")] IReadOnlyList<string>? PackSources = null,
    [property: JsonPropertyName("api_keys")] IReadOnlyList<string>? ApiKeys = null,
    [property: JsonPropertyName("num_parallel")] int? Parallel = null,
    [property: JsonPropertyName("num_ctx")] int? ContextLength = null,
    [property: JsonPropertyName("num_thread")] int? Threads = null,
    [property: JsonPropertyName("prompt_chunk")] int? PromptChunk = null,
    [property: JsonPropertyName("max_loaded")] int? MaxLoaded = null,
    [property: JsonPropertyName("max_queue")] int? MaxQueue = null,
    [property: JsonPropertyName("memory_budget_mb")] long? MemoryBudgetMb = null,
    [property: JsonPropertyName("keep_alive_seconds")] double? KeepAliveSeconds = null)
{
    public const string FileName = "airgap.json";

    /// <summary>Reads airgap.json from the home (all fields empty when absent); a malformed file is an error naming the problem.</summary>
    public static ServerConfigFile Read(AirgapHome home)
    {
        var path = Path.Combine(home.Root, FileName);
        if (!File.Exists(path)) return new ServerConfigFile();
        try
        {
            var config = JsonSerializer.Deserialize(File.ReadAllBytes(path), ServerConfigJsonContext.Default.ServerConfigFile) ?? new ServerConfigFile();
            config.Validate(path);
            return config;
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{path}: {e.Message}");
        }
    }

    /// <summary>Throws naming the first setting out of range; <paramref name="origin"/> says where it came from.</summary>
    public void Validate(string origin)
    {
        void Check(bool ok, string key, object? value, string range)
        {
            if (!ok) throw new ArgumentException($"{origin}: {key} must be {range}, got {value}");
        }
        Check(WatchIntervalSeconds is null or > 0 and <= 3600, "watch_interval_seconds", WatchIntervalSeconds, "between 0 and 3600");
        Check(Parallel is null or >= 1 and <= 64, "num_parallel", Parallel, "1 to 64");
        Check(ContextLength is null or >= 256 and <= 1_048_576, "num_ctx", ContextLength, "256 to 1048576");
        Check(Threads is null or >= 0 and <= 1024, "num_thread", Threads, "0 (one per core) to 1024");
        Check(PromptChunk is null or >= 1 and <= 4096, "prompt_chunk", PromptChunk, "1 to 4096");
        Check(MaxLoaded is null or >= 1 and <= 64, "max_loaded", MaxLoaded, "1 to 64");
        Check(MaxQueue is null or >= 1 and <= 100_000, "max_queue", MaxQueue, "1 to 100000");
        Check(MemoryBudgetMb is null or > 0, "memory_budget_mb", MemoryBudgetMb, "positive");
        foreach (var key in ApiKeys ?? [])
        {
            try
            {
                _ = ApiKey.Parse(key);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"{origin}: api_keys: {e.Message}");
            }
        }
    }

    /// <summary>Settings where <paramref name="overrides"/> (the command line) wins over this file, then the built-in defaults.</summary>
    public ServerOptions Apply(ServerConfigFile overrides, string configDirectory)
    {
        var defaults = new InferenceOptions();
        var watch = overrides.Watch is { Count: > 0 } w ? w : (Watch ?? []).Select(x => Path.Combine(configDirectory, x)).ToList();
        var memoryMb = overrides.MemoryBudgetMb ?? MemoryBudgetMb;
        var keepAlive = overrides.KeepAliveSeconds ?? KeepAliveSeconds;
        return new ServerOptions
        {
            Urls = overrides.Urls ?? Urls ?? ServerOptions.DefaultUrls,
            WatchFolders = watch.Select(Path.GetFullPath).ToList(),
            PackSources = (overrides.PackSources is { Count: > 0 } p ? p : (PackSources ?? []).Select(x => Path.Combine(configDirectory, x)).ToList())
                .Select(Path.GetFullPath).ToList(),
            WatchInterval = TimeSpan.FromSeconds(overrides.WatchIntervalSeconds ?? WatchIntervalSeconds ?? 5),
            ApiKeys = (overrides.ApiKeys is { Count: > 0 } k ? k : ApiKeys ?? []).Select(ApiKey.Parse).ToList(),
            Inference = defaults with
            {
                Parallel = overrides.Parallel ?? Parallel ?? defaults.Parallel,
                ContextLength = overrides.ContextLength ?? ContextLength ?? defaults.ContextLength,
                Threads = overrides.Threads ?? Threads ?? defaults.Threads,
                PromptChunk = overrides.PromptChunk ?? PromptChunk ?? defaults.PromptChunk,
                MaxLoadedModels = overrides.MaxLoaded ?? MaxLoaded ?? defaults.MaxLoadedModels,
                MaxQueue = overrides.MaxQueue ?? MaxQueue ?? defaults.MaxQueue,
                MemoryBudgetBytes = memoryMb is { } mb ? mb * 1024 * 1024 : null,
                DefaultKeepAlive = keepAlive is { } s ? (s < 0 ? TimeSpan.FromSeconds(-1) : TimeSpan.FromSeconds(s)) : defaults.DefaultKeepAlive,
            },
        };
    }
}

[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(ServerConfigFile))]
internal sealed partial class ServerConfigJsonContext : JsonSerializerContext;
