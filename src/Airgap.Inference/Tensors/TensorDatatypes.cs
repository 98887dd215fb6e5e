namespace Airgap.Inference.Tensors;

/// <summary>The KServe v2 / Open Inference Protocol datatype names this server reads and writes.</summary>
public static class TensorDatatypes
{
    public const string Fp32 = "FP32";
    public const string Fp64 = "FP64";
    public const string Int64 = "INT64";
    public const string Int32 = "INT32";
    public const string Int8 = "INT8";
    public const string Uint8 = "UINT8";
    public const string Bool = "BOOL";

    public static readonly IReadOnlyList<string> Supported = [Fp32, Fp64, Int64, Int32, Int8, Uint8, Bool];
}
