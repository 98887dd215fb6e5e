using System.Reflection;

namespace Airgap.Server.Endpoints;

/// <summary>The version this build reports on /api/version and /health.</summary>
public static class ServerVersion
{
    public static string Current { get; } =
        typeof(ServerVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
