namespace Airgap.Models.Gguf;

/// <summary>A file is not a well-formed GGUF file; the message names the problem and the byte offset.</summary>
public sealed class GgufFormatException(string message, long offset)
    : Exception($"invalid GGUF at offset {offset}: {message}")
{
    /// <summary>Byte offset in the file where the problem was found.</summary>
    public long Offset { get; } = offset;
}
