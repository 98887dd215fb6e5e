namespace Airgap.Server.Hosting;

/// <summary>Whether the server has finished starting (recovery done) and may serve.</summary>
public sealed class ServerState
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;
}
