namespace Airgap.Models.Gguf;

/// <summary>
/// A GGUF metadata array: one element type and its elements as a typed array (uint[] for UInt32, float[] for
/// Float32, string[] for String, GgufArray[] for nested arrays), so a large vocabulary is not a list of boxes.
/// </summary>
public sealed class GgufArray
{
    /// <summary>Wraps <paramref name="items"/>, whose array type must be the one <paramref name="elementType"/> maps to.</summary>
    public GgufArray(GgufValueType elementType, Array items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var expected = ClrElementType(elementType);
        if (items.GetType() != expected.MakeArrayType())
            throw new ArgumentException($"a GGUF {elementType} array holds {expected.Name}[], not {items.GetType().Name}", nameof(items));
        if (items is object?[] references && Array.IndexOf(references, null) >= 0)
            throw new ArgumentException($"a GGUF {elementType} array cannot hold null", nameof(items));
        ElementType = elementType;
        Items = items;
    }

    /// <summary>The GGUF type of every element.</summary>
    public GgufValueType ElementType { get; }

    /// <summary>The elements, as the typed array that <see cref="ElementType"/> maps to.</summary>
    public Array Items { get; }

    /// <summary>Number of elements.</summary>
    public int Count => Items.Length;

    /// <summary>The .NET type that holds one element of a GGUF value type.</summary>
    public static Type ClrElementType(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 => typeof(byte),
        GgufValueType.Int8 => typeof(sbyte),
        GgufValueType.UInt16 => typeof(ushort),
        GgufValueType.Int16 => typeof(short),
        GgufValueType.UInt32 => typeof(uint),
        GgufValueType.Int32 => typeof(int),
        GgufValueType.Float32 => typeof(float),
        GgufValueType.Bool => typeof(bool),
        GgufValueType.String => typeof(string),
        GgufValueType.Array => typeof(GgufArray),
        GgufValueType.UInt64 => typeof(ulong),
        GgufValueType.Int64 => typeof(long),
        GgufValueType.Float64 => typeof(double),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a GGUF value type"),
    };
}
