using Airgap.Models.Storage;

namespace Airgap.Models.Import;

/// <summary>
/// A cross-process lock on the home, held while importing or removing, so two imports never interleave. Whoever
/// holds it owns tmp/: on taking it, files left there by an interrupted import are removed.
/// </summary>
public sealed class ImportLock : IDisposable
{
    private readonly FileStream _stream;

    private ImportLock(FileStream stream, int tempFilesRemoved)
    {
        _stream = stream;
        TempFilesRemoved = tempFilesRemoved;
    }

    /// <summary>How many leftover files in tmp/ were removed on taking the lock.</summary>
    public int TempFilesRemoved { get; }

    /// <summary>Waits for the lock (polling), then cleans tmp/.</summary>
    public static async Task<ImportLock> AcquireAsync(AirgapHome home, CancellationToken cancellationToken)
    {
        while (true)
        {
            FileStream stream;
            try
            {
                stream = new FileStream(home.ImportLockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(100, cancellationToken);
                continue;
            }
            // Whoever holds the lock owns tmp/; a failed clean must not leave the lock held by a stream nobody disposes.
            try
            {
                return new ImportLock(stream, new BlobStore(home).CleanTemp());
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
