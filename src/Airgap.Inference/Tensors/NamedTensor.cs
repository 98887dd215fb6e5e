namespace Airgap.Inference.Tensors;

/// <summary>A tensor by name: datatype, shape and its elements flat in row-major order (float[], long[], bool[], …).</summary>
public sealed record NamedTensor(string Name, string Datatype, long[] Shape, Array Data);
