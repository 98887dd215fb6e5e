using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Airgap.Server.Hosting;

/// <summary>
/// airgap.json in the data home (or the file $AIRGAP_CONFIG names) as a configuration source. Read strictly (no trailing commas, no repeated keys, JSON
/// comments allowed) so that a file that would mean something else to another reader is refused with its line.
/// </summary>
public sealed class ServerConfigFile(string path) : IConfigurationSource
{
    public const string FileName = "airgap.json";

    /// <summary>Names the settings file in place of the home's airgap.json (an installed service reads /etc/airgap/airgap.json).</summary>
    public const string EnvironmentVariable = "AIRGAP_CONFIG";

    /// <summary>The file a server over <paramref name="homeRoot"/> reads: $AIRGAP_CONFIG when set, else airgap.json in the home.</summary>
    public static string PathFor(string homeRoot) =>
        System.Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } named ? System.IO.Path.GetFullPath(named)
            : System.IO.Path.Combine(homeRoot, FileName);

    // A settings file is small; a larger one is a mistake (a model copied to the wrong name), not settings.
    private const int MaxBytes = 1 << 20;

    /// <summary>Full path of the file; it may be absent.</summary>
    public string Path { get; } = path;

    /// <summary>The provider reading the file at <see cref="Path"/>.</summary>
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(this);

    /// <summary>The file's keys as configuration paths (`Inference:Parallel`, `watch:0`), values as their JSON text; empty when absent.</summary>
    public IDictionary<string, string?> Read()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(Path)) return data;
        // A FIFO or a device reports length 0 and would block or never end when read: refuse it unopened.
        if (new FileInfo(Path).Length == 0) throw new ArgumentException($"{Path}: empty or not a regular file; write {{ }} for no settings");
        byte[] bytes;
        using (var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            if (stream.Length > MaxBytes) throw new ArgumentException($"{Path}: larger than {MaxBytes / 1024} KiB; is it the right file?");
            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = false,
                AllowDuplicateProperties = false,
            });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $":{line + 1}:{e.BytePositionInLine + 1}" : "";
            throw new ArgumentException($"{Path}{where}: {Describe(e)}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new ArgumentException($"{Path}: must be a JSON object of settings, {{ \"urls\": \"http://127.0.0.1:8080\" }}");
            Flatten(document.RootElement, "", data);
        }
        return data;
    }

    private void Flatten(JsonElement element, string key, Dictionary<string, string?> data)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var child = key.Length == 0 ? property.Name : $"{key}:{property.Name}";
                    if (property.Name.Length == 0 || property.Name.Contains(':'))
                        throw new ArgumentException($"{Path}: '{child}' is not a setting name");
                    if (data.Keys.Any(k => k.Equals(child, StringComparison.OrdinalIgnoreCase) || k.StartsWith(child + ":", StringComparison.OrdinalIgnoreCase)))
                        throw new ArgumentException($"{Path}: '{child}' is given twice (names are case-insensitive)");
                    Flatten(property.Value, child, data);
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray()) Flatten(item, $"{key}:{index++.ToString(CultureInfo.InvariantCulture)}", data);
                break;
            case JsonValueKind.String:
                data[key] = element.GetString();
                break;
            case JsonValueKind.Null:
                data[key] = null;
                break;
            default:
                data[key] = element.GetRawText();
                break;
        }
    }

    // JsonException's text ends in reader positions and advice to "change the reader options"; keep what a person needs.
    private static string Describe(JsonException e)
    {
        var text = e.Message;
        if (text.Contains("trailing comma", StringComparison.OrdinalIgnoreCase)) return "a trailing comma is not allowed in JSON";
        if (text.Contains("duplicate", StringComparison.OrdinalIgnoreCase))
        {
            var quoted = text.Split('\'');
            return quoted.Length >= 3 ? $"'{quoted[1]}' is given twice" : "a key is given twice";
        }
        var cut = text.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0) text = text[..cut];
        return "not valid JSON: " + text.Replace(" Change the reader options.", "", StringComparison.Ordinal).Trim();
    }

    private sealed class Provider(ServerConfigFile file) : ConfigurationProvider
    {
        public override void Load() => Data = file.Read();
    }
}
