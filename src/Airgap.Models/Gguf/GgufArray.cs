namespace Airgap.Models.Gguf;

/// <summary>A GGUF metadata array: one element type and its values (boxed scalars or strings).</summary>
public sealed record GgufArray(GgufValueType ElementType, IReadOnlyList<object> Values);
