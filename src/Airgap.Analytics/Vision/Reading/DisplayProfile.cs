using System.Text.Json;
using System.Text.Json.Serialization;

namespace Airgap.Analytics.Vision.Reading;

/// <summary>
/// What a camera or a piece of equipment is expected to show: parameters with their units and limits. Readings
/// outside a limit become warnings, and names read close to an expected one take the expected spelling.
/// </summary>
public sealed record DisplayProfile([property: JsonPropertyName("parameters")] IReadOnlyList<ExpectedParameter> Parameters)
{
    /// <summary>Most parameters a profile may list, and aliases per parameter.</summary>
    public const int MaxParameters = 256;
    public const int MaxAliases = 16;

    /// <summary>Reads a profile file; an InvalidDataException names what is wrong with it.</summary>
    public static DisplayProfile Load(string path)
    {
        DisplayProfile? profile;
        try
        {
            profile = JsonSerializer.Deserialize<DisplayProfile>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a display profile: {e.Message}");
        }
        return Validate(profile, path);
    }

    /// <summary>The profile when every parameter has a name and its limits are in order; otherwise an InvalidDataException.</summary>
    public static DisplayProfile Validate(DisplayProfile? profile, string where)
    {
        if (profile?.Parameters is null) throw new InvalidDataException($"{where}: 'parameters' is missing");
        if (profile.Parameters.Count > MaxParameters) throw new InvalidDataException($"{where}: {profile.Parameters.Count} parameters, more than {MaxParameters}");
        for (var i = 0; i < profile.Parameters.Count; i++)
        {
            var p = profile.Parameters[i];
            if (string.IsNullOrWhiteSpace(p?.Name)) throw new InvalidDataException($"{where}: parameters[{i}].name is missing");
            if (p.Min > p.Max) throw new InvalidDataException($"{where}: parameters[{i}] ({p.Name}): min {p.Min} is above max {p.Max}");
            if (p.Aliases is { Count: > MaxAliases }) throw new InvalidDataException($"{where}: parameters[{i}] ({p.Name}): {p.Aliases.Count} aliases, more than {MaxAliases}");
            if (p.Aliases?.Any(string.IsNullOrWhiteSpace) == true) throw new InvalidDataException($"{where}: parameters[{i}] ({p.Name}): an alias is empty");
        }
        return profile;
    }
}

/// <summary>One expected parameter: its name (and other names it is shown under), unit and limits.</summary>
public sealed record ExpectedParameter(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("unit")] string? Unit = null,
    [property: JsonPropertyName("min")] double? Min = null,
    [property: JsonPropertyName("max")] double? Max = null,
    [property: JsonPropertyName("aliases")] IReadOnlyList<string>? Aliases = null);
