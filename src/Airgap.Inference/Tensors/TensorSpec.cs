namespace Airgap.Inference.Tensors;

/// <summary>A model input or output: its name, datatype and shape (-1 where any size goes).</summary>
public sealed record TensorSpec(string Name, string Datatype, IReadOnlyList<long> Shape);
