using System.Globalization;

namespace Airgap.Server.Endpoints;

/// <summary>Formats a parameter count the way Ollama shows it: 1.4M, 596.0M, 3.2B.</summary>
public static class ParameterSize
{
    public static string Format(long? count) => count switch
    {
        null => "",
        >= 1_000_000_000 => (count.Value / 1e9).ToString("0.0", CultureInfo.InvariantCulture) + "B",
        >= 1_000_000 => (count.Value / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + "M",
        _ => count.Value.ToString(CultureInfo.InvariantCulture),
    };
}
