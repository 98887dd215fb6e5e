using System.Text;

namespace Airgap.Cli.Service;

/// <summary>Where an installed service lives; install.sh passes the same paths.</summary>
public sealed record ServicePaths(string Executable, string User, string Home, string Config)
{
    public static ServicePaths Default { get; } = new("/opt/airgap/airgap", "airgap", "/var/lib/airgap", "/etc/airgap/airgap.json");
}

/// <summary>
/// The systemd unit of `airgap serve` as a service: Type=notify (the host reports ready and stopping), its own user,
/// a read-only system but its data home, and no network but this machine and the subnets airgap.json allows.
/// </summary>
public static class SystemdUnit
{
    public static string Render(ServicePaths paths, IReadOnlyList<string> allowedSubnets)
    {
        var allow = string.Join(' ', new[] { "localhost" }.Concat(allowedSubnets));
        var unit = new StringBuilder();
        unit.Append($"""
            # Written by `airgap service unit` (install.sh runs it): change airgap.json and run install.sh again rather than editing this.
            [Unit]
            Description=Airgap offline AI service (Ollama- and OpenAI-compatible API)
            After=local-fs.target network.target

            [Service]
            Type=notify
            User={paths.User}
            Group={paths.User}
            Environment=AIRGAP_HOME={paths.Home}
            Environment=AIRGAP_CONFIG={paths.Config}
            Environment=DOTNET_CLI_TELEMETRY_OPTOUT=1
            ExecStart={paths.Executable} serve
            Restart=on-failure
            RestartSec=5
            TimeoutStartSec=300
            TimeoutStopSec=90

            # Nothing on this machine is writable but the data home; nothing beyond it is reachable but the allowed subnets.
            ProtectSystem=strict
            ReadWritePaths={paths.Home}
            ProtectHome=true
            PrivateTmp=true
            NoNewPrivileges=true
            CapabilityBoundingSet=
            ProtectKernelTunables=true
            ProtectKernelModules=true
            ProtectKernelLogs=true
            ProtectControlGroups=true
            ProtectClock=true
            RestrictSUIDSGID=true
            RestrictNamespaces=true
            RestrictRealtime=true
            LockPersonality=true
            RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6
            UMask=0027
            IPAddressDeny=any
            IPAddressAllow={allow}

            [Install]
            WantedBy=multi-user.target

            """);
        return unit.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
