using System.Text.Json;
using Airgap.Inference.Engines.LlamaCpp;
using Airgap.Inference.Errors;
using Airgap.Inference.Generation;
using Airgap.Inference.Grammar;
using Airgap.Models.Synthetic;
using LLama;
using LLama.Common;

namespace Airgap.Inference.Tests;

public sealed class RefusedGrammarsNeverReachNativeCode : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("airgap-grammar-").FullName;
    private readonly LLamaWeights _weights;

    public RefusedGrammarsNeverReachNativeCode()
    {
        var path = Path.Combine(_dir, "tiny.gguf");
        SyntheticModelWriter.Write(path, SyntheticPreset.Tiny);
        _weights = LlamaNative.LoadWeights(new ModelParams(path) { GpuLayerCount = 0 });
    }

    public void Dispose()
    {
        _weights.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("root ::= item{2001}\nitem ::= \"a\"", "failed to parse grammar")]
    [InlineData("root ::= missing", "failed to parse grammar")]
    [InlineData("root ::= \"unterminated", "")]
    [InlineData("start ::= \"a\"", "root")]
    [InlineData("root ::= root \"a\"", "")]
    public void A_gbnf_grammar_llama_cpp_rejects_is_an_invalid_request_naming_the_field(string grammar, string reason)
    {
        var options = new GenerationOptions { Grammar = grammar, GrammarField = "grammar" };

        var error = Assert.Throws<InvalidRequestException>(() => SamplerChain.Create(options, _weights.NativeHandle));

        Assert.Equal("grammar", error.Field);
        Assert.StartsWith("grammar: llama.cpp refused the grammar", error.Message);
        Assert.True(error.Message.Contains(reason), error.Message);
    }

    [Fact]
    public void The_field_a_grammar_came_from_is_the_one_named()
    {
        var options = new GenerationOptions { Grammar = "root ::= nowhere", GrammarField = "response_format" };

        Assert.Equal("response_format", Assert.Throws<InvalidRequestException>(() => SamplerChain.Create(options, _weights.NativeHandle)).Field);
    }

    [Fact]
    public void A_grammar_with_a_nul_character_is_refused_before_native_code()
    {
        var options = new GenerationOptions { Grammar = "root ::= \"a\"\0garbage" };

        Assert.Contains("NUL", Assert.Throws<InvalidRequestException>(() => SamplerChain.Create(options, _weights.NativeHandle)).Message);
    }

    [Theory]
    [InlineData("""{"type": "array", "minItems": 1000, "maxItems": 1000, "items": {"type": "integer", "minimum": -5, "maximum": 1234}}""")]
    [InlineData("""{"type": "object", "properties": {"a": {"type": "string", "pattern": "^[A-Z]{2}-\\d{3,5}(x|yz)?\\.[^a-c]$"}, "b": {"type": "number", "minimum": -2.5, "maximum": 7}}}""")]
    [InlineData("""{"type": "object", "properties": {"d": {"type": "string", "format": "date-time"}, "u": {"type": "string", "format": "uuid"}, "s": {"type": "string", "minLength": 3, "maxLength": 1000}}}""")]
    [InlineData("""{"type": "object", "properties": {"e": {"type": "string", "format": "email"}, "t": {"type": "string", "format": "time"}, "w": {"type": "integer", "format": "int64", "minimum": -9000000000}}}""")]
    [InlineData("""{"type": "string", "pattern": "^(a|)[^\\d\\]x-]\\D\\W\\S[-.é]+?(?:b|(c{2,}d{3,9}){1,5})*é$"}""")]
    [InlineData("""{"anyOf": [{"type": "number", "exclusiveMinimum": -1}, {"type": "object", "additionalProperties": {"type": "boolean"}}, {"type": "object", "additionalProperties": false}]}""")]
    public void Grammars_made_from_schemas_at_the_limits_are_accepted_by_llama_cpp(string schema)
    {
        var grammar = JsonGrammar.FromSchema(JsonDocument.Parse(schema).RootElement);

        using var chain = SamplerChain.Create(new GenerationOptions { Grammar = grammar, GrammarField = "format" }, _weights.NativeHandle);

        Assert.True(chain.Count >= 2);
    }

    [Fact]
    public void Every_built_in_grammar_is_accepted_by_llama_cpp()
    {
        var weather = JsonDocument.Parse("""{"type": "object", "properties": {"city": {"type": "string"}, "days": {"type": "integer", "minimum": 1, "maximum": 14}}}""").RootElement;

        foreach (var grammar in new[] { JsonGrammar.AnyObject(), JsonGrammar.ToolCall([("get_weather", weather), ("other", default)]) })
        {
            using var chain = SamplerChain.Create(new GenerationOptions { Grammar = grammar }, _weights.NativeHandle);
            Assert.True(chain.Count >= 2);
        }
    }
}
