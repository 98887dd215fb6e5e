using System.Text.Json;

namespace Airgap.Cli.Chat;

/// <summary>What every turn of `airgap run` sends besides the messages (the model, its options and output format), and how it prints.</summary>
public sealed record ChatSettings(string Model, string? System, Dictionary<string, JsonElement> Options, JsonElement? Format, bool Json, bool Verbose);
