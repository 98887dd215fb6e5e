using Microsoft.Extensions.Logging;

namespace Airgap.Server.Hosting;

/// <summary>
/// The keys a server accepts: those configured (airgap.json, AIRGAP_ApiKeys__N, --api-key) and those of the key file,
/// read again when the file changes, so a key removed with `airgap keys api remove` stops working within a second.
/// </summary>
public sealed class ApiKeyRing
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);

    private readonly IReadOnlyList<ApiKey> _configured;
    private readonly ApiKeyFile _file;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private IReadOnlyList<ApiKey> _current;
    private (DateTime, long) _fileWritten;
    private DateTimeOffset _checked;

    /// <summary>Reads the file now: a line that does not parse stops the server's start with its file and line.</summary>
    public ApiKeyRing(IReadOnlyList<ApiKey> configured, ApiKeyFile file, TimeProvider clock, ILogger logger)
    {
        _configured = configured;
        _file = file;
        _clock = clock;
        _logger = logger;
        _fileWritten = WrittenAt();
        _current = [.. configured, .. file.Read().Select(e => e.Key)];
        Required = _current.Count > 0;
        _checked = clock.GetUtcNow();
    }

    /// <summary>True once keys are required: some were configured, or the key file has held some since start.</summary>
    public bool Required { get; private set; }

    /// <summary>The keys accepted now.</summary>
    public IReadOnlyList<ApiKey> Current
    {
        get
        {
            var now = _clock.GetUtcNow();
            if (now - _checked < CheckEvery) return _current;
            lock (_lock)
            {
                if (now - _checked < CheckEvery) return _current;
                _checked = now;
                var written = WrittenAt();
                if (written == _fileWritten) return _current;
                try
                {
                    _current = [.. _configured, .. _file.Read().Select(e => e.Key)];
                    Required |= _current.Count > 0;
                    _fileWritten = written;
                    _logger.LogInformation("API keys re-read from {File}: {Count} accepted", _file.Path, _current.Count);
                }
                catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
                {
                    // A file caught mid-edit or broken keeps the keys read before; the next change is tried again.
                    _logger.LogWarning("API key file not re-read, the keys read before stay: {Problem}", e.Message);
                }
                return _current;
            }
        }
    }

    // Time and size: a rewrite within the clock's resolution still shows as a change.
    private (DateTime, long) WrittenAt() => File.Exists(_file.Path) ? (File.GetLastWriteTimeUtc(_file.Path), new FileInfo(_file.Path).Length) : default;
}
