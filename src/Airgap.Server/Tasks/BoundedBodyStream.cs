using Microsoft.AspNetCore.Http;

namespace Airgap.Server.Tasks;

/// <summary>
/// A request body read through a byte budget: the read that goes past it fails with a 413 naming the setting, so an
/// oversize upload is refused while it arrives, not after it has been buffered.
/// </summary>
public sealed class BoundedBodyStream(Stream inner, long limit, string setting) : Stream
{
    private long _read;

    /// <summary>The refusal of a body larger than <paramref name="limit"/> bytes.</summary>
    public static BadHttpRequestException TooLarge(long limit, string setting) =>
        new($"body: is larger than {setting} ({limit} bytes)", StatusCodes.Status413PayloadTooLarge);

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int read)
    {
        _read += read;
        if (_read > limit) throw TooLarge(limit, setting);
        return read;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
