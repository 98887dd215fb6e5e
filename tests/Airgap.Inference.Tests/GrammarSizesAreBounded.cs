using System.Text.Json;
using Airgap.Inference.Chat;
using Airgap.Inference.Errors;
using Airgap.Inference.Grammar;
using Microsoft.Extensions.AI;

namespace Airgap.Inference.Tests;

public sealed class GrammarSizesAreBounded
{
    private static InvalidRequestException Refused(string schema, string field = "format") =>
        Assert.Throws<InvalidRequestException>(() => JsonGrammar.FromSchema(JsonDocument.Parse(schema).RootElement, field));

    [Fact]
    public void An_array_of_more_items_than_llama_cpp_allows_is_refused_naming_min_items()
    {
        var error = Refused("""{"type": "array", "minItems": 2001}""");

        Assert.Equal("format.minItems", error.Field);
    }

    [Fact]
    public void The_same_schema_in_response_format_is_refused_under_that_name()
    {
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse("""{"type": "array", "minItems": 2001}""").RootElement) };

        Assert.Equal("response_format.minItems", Assert.Throws<InvalidRequestException>(() => ChatOptionsMapping.ToGenerationOptions(options, null)).Field);
    }

    [Fact]
    public void A_required_tool_whose_parameters_ask_too_much_is_refused_naming_the_tool()
    {
        var parameters = JsonDocument.Parse("""{"type": "object", "properties": {"ids": {"type": "array", "minItems": 5000}}}""").RootElement;

        var error = Assert.Throws<InvalidRequestException>(() => JsonGrammar.ToolCall([("lookup", parameters)]));

        Assert.Equal("tools[0].parameters.properties.ids.minItems", error.Field);
    }

    [Fact]
    public void An_enum_of_twenty_thousand_values_is_refused_before_any_grammar_exists()
    {
        var values = string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"\"v{i}\""));

        var error = Refused("{\"type\": \"object\", \"properties\": {\"code\": {\"enum\": [" + values + "]}}}");

        Assert.Equal("format.properties.code.enum", error.Field);
        Assert.Contains("more than 1024", error.Message);
    }

    [Fact]
    public void An_enum_at_the_limit_is_accepted()
    {
        var values = string.Join(",", Enumerable.Range(0, GrammarLimits.Default.MaxEnumValues).Select(i => $"\"v{i}\""));

        Assert.StartsWith("root ::=", JsonGrammar.FromSchema(JsonDocument.Parse($$"""{"enum": [{{values}}]}""").RootElement));
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused()
    {
        var schema = string.Concat(Enumerable.Repeat("""{"type": "array", "items": """, 40)) + "{\"type\": \"integer\"}" + new string('}', 40);

        Assert.Contains("nests deeper than 32", Refused(schema).Message);
    }

    [Fact]
    public void A_schema_referring_to_itself_is_refused_instead_of_recursing()
    {
        var error = Refused("""{"$ref": "#/$defs/node", "$defs": {"node": {"type": "object", "properties": {"next": {"$ref": "#/$defs/node"}}}}}""");

        Assert.Contains("refers to itself", error.Message);
    }

    [Fact]
    public void Many_long_strings_together_are_refused_when_their_repetitions_add_up()
    {
        var properties = string.Join(",", Enumerable.Range(0, 40).Select(i => $"\"p{i}\": {{\"type\": \"string\", \"minLength\": 1000}}"));

        var error = Refused("{\"type\": \"object\", \"properties\": {" + properties + "}}");

        Assert.Contains("repetitions", error.Message);
        Assert.StartsWith("format.properties.p", error.Field);
    }

    [Fact]
    public void Limits_can_be_tightened_per_call()
    {
        var limits = new GrammarLimits { MaxEnumValues = 2 };

        var error = Assert.Throws<InvalidRequestException>(() => JsonGrammar.FromSchema(JsonDocument.Parse("""{"enum": [1, 2, 3]}""").RootElement, "format", limits));

        Assert.Equal("format.enum", error.Field);
    }

    [Fact]
    public void A_raw_gbnf_grammar_longer_than_the_limit_is_refused_naming_grammar()
    {
        var grammar = "root ::= \"" + new string('a', GrammarLimits.Default.MaxGrammarChars) + "\"";
        var options = new ChatOptions { AdditionalProperties = new() { [AirgapChatProperties.Grammar] = grammar } };

        Assert.Equal("grammar", Assert.Throws<InvalidRequestException>(() => ChatOptionsMapping.ToGenerationOptions(options, null)).Field);
    }

    [Fact]
    public void Each_grammar_source_is_named_in_the_generation_options()
    {
        var raw = new ChatOptions { AdditionalProperties = new() { [AirgapChatProperties.Grammar] = "root ::= \"a\"" } };
        var schema = new ChatOptions { ResponseFormat = ChatResponseFormat.Json };

        Assert.Equal("grammar", ChatOptionsMapping.ToGenerationOptions(raw, null).GrammarField);
        Assert.Equal("response_format", ChatOptionsMapping.ToGenerationOptions(schema, null).GrammarField);
        Assert.Equal("tools", ChatOptionsMapping.ToGenerationOptions(schema, "root ::= \"x\"").GrammarField);
    }
}
