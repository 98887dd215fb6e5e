namespace Airgap.Models.Gguf;

/// <summary>One tensor's name, shape (innermost dimension first), type and data offset.</summary>
public sealed record GgufTensorInfo(string Name, IReadOnlyList<ulong> Dimensions, GgmlType Type, ulong Offset)
{
    /// <summary>Number of elements: the product of the dimensions.</summary>
    public ulong ElementCount => Dimensions.Aggregate(1UL, (a, d) => checked(a * d));

    /// <summary>Bytes the tensor's data takes in the file.</summary>
    public ulong ByteSize => GgmlTypeInfo.ByteSize(Type, ElementCount);
}
