using System.Text.Json;
using System.Text.Json.Serialization;
using Airgap.Models.Storage;

namespace Airgap.Server.Hosting;

/// <summary>
/// The optional airgap.json in the data home: {"urls": "...", "watch": ["DIR", ...], "watch_interval_seconds": 5}.
/// Command-line options override it.
/// </summary>
public sealed record ServerConfigFile(
    [property: JsonPropertyName("urls")] string? Urls,
    [property: JsonPropertyName("watch")] IReadOnlyList<string>? Watch,
    [property: JsonPropertyName("watch_interval_seconds")] double? WatchIntervalSeconds)
{
    public const string FileName = "airgap.json";

    /// <summary>Reads airgap.json from the home (all fields empty when absent); a malformed file is an error naming the problem.</summary>
    public static ServerConfigFile Read(AirgapHome home)
    {
        var path = Path.Combine(home.Root, FileName);
        if (!File.Exists(path)) return new ServerConfigFile(null, null, null);
        try
        {
            var config = JsonSerializer.Deserialize(File.ReadAllBytes(path), ServerConfigJsonContext.Default.ServerConfigFile)
                ?? new ServerConfigFile(null, null, null);
            if (config.WatchIntervalSeconds is <= 0 or > 3600)
                throw new ArgumentException($"{path}: watch_interval_seconds must be between 0 and 3600, got {config.WatchIntervalSeconds}");
            return config;
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{path}: {e.Message}");
        }
    }

    /// <summary>Options from this file, with the command line's values taking precedence where given.</summary>
    public ServerOptions Apply(string? urls, IReadOnlyList<string> watch, string configDirectory) => new()
    {
        Urls = urls ?? Urls ?? ServerOptions.DefaultUrls,
        WatchFolders = (watch.Count > 0 ? watch : (Watch ?? []).Select(w => Path.Combine(configDirectory, w)))
            .Select(Path.GetFullPath).ToList(),
        WatchInterval = TimeSpan.FromSeconds(WatchIntervalSeconds ?? 5),
    };
}

[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(ServerConfigFile))]
internal sealed partial class ServerConfigJsonContext : JsonSerializerContext;
