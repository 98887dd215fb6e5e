namespace Airgap.Server.Observability;

/// <summary>How the console log is written: one readable line per entry, or one JSON object per line for a collector.</summary>
public enum LogFormat
{
    Simple,
    Json,
}
