using Microsoft.Win32.SafeHandles;

namespace Airgap.Models.Packs;

/// <summary>Reads a <see cref="SourceFile"/>'s handle from the start, ending after <paramref name="limit"/> bytes at most.</summary>
internal sealed class SourceFileStream(SafeFileHandle handle, long limit) : Stream
{
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= limit) return 0;
        var read = RandomAccess.Read(handle, buffer[..(int)Math.Min(buffer.Length, limit - _position)], _position);
        _position += read;
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= limit) return 0;
        var read = await RandomAccess.ReadAsync(handle, buffer[..(int)Math.Min(buffer.Length, limit - _position)], _position, cancellationToken);
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
