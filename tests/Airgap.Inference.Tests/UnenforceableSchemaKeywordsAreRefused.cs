using System.Text.Json;
using Airgap.Inference.Errors;
using Airgap.Inference.Grammar;

namespace Airgap.Inference.Tests;

public sealed class UnenforceableSchemaKeywordsAreRefused
{
    private static InvalidRequestException Refused(string schema) =>
        Assert.Throws<InvalidRequestException>(() => JsonGrammar.FromSchema(JsonDocument.Parse(schema).RootElement));

    [Theory]
    [InlineData("""{"type": "object", "properties": {"age": {"type": "integer", "multipleOf": 5}}}""", "format.properties.age.multipleOf")]
    [InlineData("""{"type": "array", "items": {"type": "string"}, "uniqueItems": true}""", "format.uniqueItems")]
    [InlineData("""{"not": {"type": "string"}}""", "format.not")]
    [InlineData("""{"type": "object", "properties": {"a": {"type": "string"}}, "patternProperties": {"^x": {}}}""", "format.patternProperties")]
    [InlineData("""{"allOf": [{"type": "string"}, {"minLength": 2}]}""", "format.allOf")]
    [InlineData("""{"type": "string", "format": "hostname"}""", "format.format")]
    [InlineData("""{"type": "array", "prefixItems": [{"type": "string"}]}""", "format.prefixItems")]
    [InlineData("""{"type": "string", "pattern": "^a$", "maxLength": 3}""", "format.pattern")]
    [InlineData("""{"type": "string", "format": "date", "maxLength": 8}""", "format.maxLength")]
    [InlineData("""{"type": "string", "format": "uuid", "minLength": 40}""", "format.minLength")]
    [InlineData("""{"type": "object", "properties": {"a": {"type": "string"}}, "required": ["b"]}""", "format.required")]
    [InlineData("""{"type": "object", "properties": {"a": {"type": "string"}}, "minProperties": 2}""", "format.minProperties")]
    public void A_keyword_the_grammar_cannot_enforce_is_refused_by_its_path(string schema, string field)
    {
        Assert.Equal(field, Refused(schema).Field);
    }

    [Theory]
    [InlineData("""{"type": "object", "properties": 5}""", "format.properties")]
    [InlineData("""{"type": "array", "minItems": "two"}""", "format.minItems")]
    [InlineData("""{"type": "array", "maxItems": -1}""", "format.maxItems")]
    [InlineData("""{"enum": 3}""", "format.enum")]
    [InlineData("""{"enum": []}""", "format.enum")]
    [InlineData("""{"type": 5}""", "format.type")]
    [InlineData("""{"type": "object", "properties": {"a": 7}}""", "format.properties.a")]
    [InlineData("""{"anyOf": {"type": "string"}}""", "format.anyOf")]
    [InlineData("""{"type": "string", "minLength": 1.5}""", "format.minLength")]
    [InlineData("""{"type": "object", "properties": {"a": false}}""", "format.properties.a")]
    [InlineData("""{"$ref": 1}""", "format.$ref")]
    [InlineData("""{"type": "integer", "maximum": null}""", "format.maximum")]
    public void A_schema_node_of_the_wrong_json_kind_is_refused_naming_it(string schema, string field)
    {
        Assert.Equal(field, Refused(schema).Field);
    }

    [Theory]
    [InlineData("(?=a)b")]
    [InlineData("(a)\\1")]
    [InlineData("\\bword")]
    [InlineData("a\"b")]
    [InlineData("a{2,1}")]
    [InlineData("[a-")]
    [InlineData("a**")]
    [InlineData("\\p{L}")]
    public void A_pattern_outside_the_supported_subset_is_refused(string pattern)
    {
        var schema = JsonSerializer.Serialize(new { type = "string", pattern });

        Assert.Equal("format.pattern", Refused(schema).Field);
    }

    [Theory]
    [InlineData("""{"type": "string", "title": "Name", "description": "d", "default": "x", "examples": ["a"], "x-vendor": 1}""")]
    [InlineData("""{"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"], "additionalProperties": false, "maxProperties": 1}""")]
    [InlineData("""{"type": "array", "items": {"type": "string"}, "uniqueItems": true, "maxItems": 1}""")]
    [InlineData("""{"allOf": [{"type": "string", "format": "date"}]}""")]
    [InlineData("""{"type": "string", "format": "uri", "minLength": 1, "maxLength": 2083}""")]
    [InlineData("""{"type": "integer", "minimum": 1500000000, "maximum": 2000000000}""")]
    public void Annotations_and_keywords_the_grammar_already_satisfies_are_accepted(string schema)
    {
        Assert.StartsWith("root ::=", JsonGrammar.FromSchema(JsonDocument.Parse(schema).RootElement));
    }
}
