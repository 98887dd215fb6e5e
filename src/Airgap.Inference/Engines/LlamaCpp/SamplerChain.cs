using Airgap.Inference.Generation;
using LLama.Native;

namespace Airgap.Inference.Engines.LlamaCpp;

/// <summary>Builds llama.cpp's native sampler chain for a request, in llama.cpp's own order.</summary>
internal static class SamplerChain
{
    /// <summary>
    /// A chain for <paramref name="o"/>. A grammar llama.cpp refuses throws <see cref="Errors.InvalidRequestException"/>
    /// naming <see cref="GenerationOptions.GrammarField"/>; nothing native is left behind. Safe on any thread.
    /// </summary>
    public static SafeLLamaSamplerChainHandle Create(GenerationOptions o, SafeLlamaModelHandle model)
    {
        var chain = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        try
        {
            // The grammar goes first so every later stage only sees tokens the grammar allows.
            if (o.Grammar is not null) NativeGrammar.AddTo(chain, model, o.Grammar, o.GrammarField);
            if (o.RepeatPenalty != 1f || o.FrequencyPenalty != 0f || o.PresencePenalty != 0f)
                chain.AddPenalties(o.RepeatLastN < 0 ? 4096 : o.RepeatLastN, o.RepeatPenalty, o.FrequencyPenalty, o.PresencePenalty);
            if (o.Temperature <= 0f)
            {
                chain.AddGreedySampler();
                return chain;
            }
            if (o.TopK > 0) chain.AddTopK(o.TopK);
            if (o.TopP is > 0f and < 1f) chain.AddTopP(o.TopP, 1);
            if (o.MinP is > 0f and < 1f) chain.AddMinP(o.MinP, 1);
            chain.AddTemperature(o.Temperature);
            chain.AddDistributionSampler(o.Seed ?? (uint)Random.Shared.Next());
            return chain;
        }
        catch
        {
            chain.Dispose();
            throw;
        }
    }
}
