namespace Airgap.Models.Gguf;

/// <summary>Names a model's quantization as llama.cpp does (Q4_K_M, F16 …), from general.file_type or the tensors.</summary>
public static class QuantizationName
{
    private static readonly Dictionary<uint, string> FileTypes = new()
    {
        [0] = "F32", [1] = "F16", [2] = "Q4_0", [3] = "Q4_1", [7] = "Q8_0", [8] = "Q5_0", [9] = "Q5_1",
        [10] = "Q2_K", [11] = "Q3_K_S", [12] = "Q3_K_M", [13] = "Q3_K_L", [14] = "Q4_K_S", [15] = "Q4_K_M",
        [16] = "Q5_K_S", [17] = "Q5_K_M", [18] = "Q6_K", [19] = "IQ2_XXS", [20] = "IQ2_XS", [21] = "Q2_K_S",
        [22] = "IQ3_XS", [23] = "IQ3_XXS", [24] = "IQ1_S", [25] = "IQ4_NL", [26] = "IQ3_S", [27] = "IQ3_M",
        [28] = "IQ2_S", [29] = "IQ2_M", [30] = "IQ4_XS", [31] = "IQ1_M", [32] = "BF16", [36] = "TQ1_0",
        [37] = "TQ2_0", [38] = "MXFP4_MOE",
    };

    /// <summary>The quantization label of a parsed file.</summary>
    public static string Of(GgufFile file)
    {
        if (file.Metadata.TryGetValue("general.file_type", out var v) && v is uint ft && FileTypes.TryGetValue(ft, out var name))
            return name;
        // Without a file type, the type holding most bytes among matrices is the honest answer.
        var dominant = file.Tensors
            .Where(t => t.Dimensions.Count >= 2)
            .GroupBy(t => t.Type)
            .OrderByDescending(g => g.Aggregate(0UL, (sum, t) => sum + t.ByteSize))
            .Select(g => (GgmlType?)g.Key)
            .FirstOrDefault();
        return dominant?.ToString() ?? "unknown";
    }

    /// <summary>The llama.cpp file-type number for a label, or null when the label is unknown.</summary>
    public static uint? FileTypeOf(string label) =>
        FileTypes.FirstOrDefault(kv => string.Equals(kv.Value, label, StringComparison.OrdinalIgnoreCase)) is { Value: not null } hit
            ? hit.Key
            : null;
}
