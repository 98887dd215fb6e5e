namespace Airgap.Inference.Generation;

/// <summary>Sampling and limits for one generation, with Ollama's defaults.</summary>
public sealed record GenerationOptions
{
    public float Temperature { get; init; } = 0.8f;
    public int TopK { get; init; } = 40;
    public float TopP { get; init; } = 0.9f;
    public float MinP { get; init; } = 0.0f;
    public float RepeatPenalty { get; init; } = 1.1f;
    public int RepeatLastN { get; init; } = 64;
    public float PresencePenalty { get; init; }
    public float FrequencyPenalty { get; init; }
    public uint? Seed { get; init; }

    /// <summary>Most tokens to generate; -1 means until the context is full.</summary>
    public int MaxTokens { get; init; } = -1;

    public IReadOnlyList<string> Stop { get; init; } = [];

    /// <summary>A GBNF grammar the output must match (from a JSON schema or "json"), or null.</summary>
    public string? Grammar { get; init; }

    /// <summary>The request field the grammar came from (format, response_format, tools, grammar), named when llama.cpp refuses it.</summary>
    public string GrammarField { get; init; } = "grammar";

    /// <summary>Decode special tokens into the text (tool-call markers such as Llama 3's &lt;|python_tag|&gt; are special tokens).</summary>
    public bool DecodeSpecialTokens { get; init; }

    /// <summary>Keep generating past end-of-generation tokens (llama-server's ignore_eos; for benchmarks).</summary>
    public bool IgnoreEos { get; init; }

    /// <summary>True when the same request always produces the same answer (greedy, or a fixed seed).</summary>
    public bool IsDeterministic => Temperature <= 0 || Seed is not null;
}
