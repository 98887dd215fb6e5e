using System.Text;
using Airgap.Inference.Engines.LlamaCpp;
using Airgap.Models.Synthetic;

namespace Airgap.Inference.Tests;

public sealed class SmokeTestAppliesTheModelsOwnTemplate : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("airgap-smoke-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Same length, so every offset in the GGUF file stays valid: only the template text changes.
    private string ModelWithTemplate(string template)
    {
        var path = Path.Combine(_dir, "tiny.gguf");
        SyntheticModelWriter.Write(path, SyntheticPreset.Tiny);
        var bytes = File.ReadAllBytes(path);
        var original = Encoding.UTF8.GetBytes(SyntheticModelWriter.ChatMlTemplate);
        var replacement = Encoding.UTF8.GetBytes(template.PadRight(original.Length));
        Assert.Equal(original.Length, replacement.Length);
        var at = bytes.AsSpan().IndexOf(original);
        Assert.True(at > 0, "the template is in the file");
        replacement.CopyTo(bytes, at);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void A_model_whose_template_llama_cpp_cannot_apply_fails_validation_saying_so()
    {
        var path = ModelWithTemplate("{{ this is no template llama.cpp knows }}");

        var error = Assert.Throws<InvalidOperationException>(() => LlamaSmokeTest.Run(path, maxTokens: 2, threads: 2));

        Assert.Contains("cannot apply the model's chat template", error.Message);
        Assert.DoesNotContain(error.Message, char.IsControl);
    }

    [Fact]
    public void A_model_with_a_working_template_generates_from_a_templated_prompt()
    {
        var path = ModelWithTemplate(SyntheticModelWriter.ChatMlTemplate);

        var result = LlamaSmokeTest.Run(path, maxTokens: 4, threads: 2);

        // The system and user turns, each with its ChatML markers, and the assistant's opening.
        Assert.True(result.PromptTokens > 12, $"prompt tokenized to {result.PromptTokens} tokens");
        Assert.InRange(result.GeneratedTokens, 1, 4);
    }
}
