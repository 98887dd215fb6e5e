using System.Buffers.Binary;
using Airgap.Models.Gguf;

namespace Airgap.Models.Synthetic;

/// <summary>Tensor data for synthetic models: seeded uniform noise scaled like trained weights, and constants.</summary>
internal static class SyntheticWeights
{
    /// <summary>A tensor of <paramref name="value"/> in F32.</summary>
    public static Action<Stream> Constant(ulong count, float value) => stream =>
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        for (var i = 0UL; i < count; i++) stream.Write(bytes);
    };

    /// <summary>Uniform noise in [-scale, scale] as F16 or F32, the same for the same seed.</summary>
    public static Action<Stream> Random(GgmlType type, ulong count, float scale, ulong seed) => stream =>
    {
        var state = seed * 0x9E3779B97F4A7C15UL | 1;
        var elementBytes = type == GgmlType.F16 ? 2 : 4;
        var buffer = new byte[1 << 20];
        var remaining = count;
        while (remaining > 0)
        {
            var n = (int)Math.Min(remaining, (ulong)(buffer.Length / elementBytes));
            for (var i = 0; i < n; i++)
            {
                state ^= state << 13; state ^= state >> 7; state ^= state << 17;
                var value = ((state >> 40) / (float)(1 << 24) * 2f - 1f) * scale;
                if (elementBytes == 2) BinaryPrimitives.WriteHalfLittleEndian(buffer.AsSpan(i * 2), (Half)value);
                else BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(i * 4), value);
            }
            stream.Write(buffer, 0, n * elementBytes);
            remaining -= (ulong)n;
        }
    };
}
