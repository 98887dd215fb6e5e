using Airgap.Analytics.Classification;
using Airgap.Inference.Errors;

namespace Airgap.Analytics.Tests;

public sealed class ClassificationRefusesBadInput
{
    private static readonly AnalyticsOptions Options = new() { MaxClassifyTexts = 2, MaxCategories = 3, MaxExamples = 1, MaxTextLength = 20 };

    public static TheoryData<ClassificationRequest, string, string> Cases => new()
    {
        { new([], ["a", "b"], []), "texts", "needs at least one text" },
        { new(["x", "y", "z"], ["a", "b"], []), "texts", "has 3 texts, more than the 2 allowed (setting Analytics:MaxClassifyTexts)" },
        { new(["x", " "], ["a", "b"], []), "texts[1]", "must not be empty" },
        { new([new string('x', 21)], ["a", "b"], []), "texts[0]", "is 21 characters, longer than the 20 allowed (setting Analytics:MaxTextLength)" },
        { new(["x"], [], []), "categories", "needs at least one category" },
        { new(["x"], ["a", "b", "c", "d"], []), "categories", "has 4 categories, more than the 3 allowed (setting Analytics:MaxCategories)" },
        { new(["x"], ["a", "b", "a"], []), "categories[2]", "'a' is listed twice" },
        { new(["x"], ["a", ""], []), "categories[1]", "must not be empty" },
        { new(["x"], ["a", "unknown"], []), "categories[1]", "'unknown' is the answer when nothing fits; it cannot be a category" },
        { new(["x"], ["a", "b"], [new("t", "a"), new("u", "b")]), "examples", "has 2 examples, more than the 1 allowed (setting Analytics:MaxExamples)" },
        { new(["x"], ["a", "b"], [new("t", "c")]), "examples[0].label", "'c' is not one of the categories" },
        { new(["x"], ["a", "b"], [new("", "a")]), "examples[0].text", "must not be empty" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_request_beyond_a_bound_or_inconsistent_is_refused_naming_the_field(ClassificationRequest request, string field, string problem)
    {
        var refusal = Assert.Throws<InvalidRequestException>(() => request.Validate(Options));

        Assert.Equal((field, $"{field}: {problem}"), (refusal.Field, refusal.Message));
    }

    [Fact]
    public void A_single_text_is_named_text()
    {
        var refusal = Assert.Throws<InvalidRequestException>(() => new ClassificationRequest([""], ["a", "b"], []).Validate(Options, "text"));

        Assert.Equal("text: must not be empty", refusal.Message);
    }
}
