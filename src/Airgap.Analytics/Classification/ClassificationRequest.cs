using Airgap.Inference.Errors;

namespace Airgap.Analytics.Classification;

/// <summary>
/// Texts to put into one of <see cref="Categories"/> each. <see cref="Model"/> null asks the configured model, empty
/// asks none (examples only). Field names in refusals are those of <c>POST /v1/classify</c>.
/// </summary>
public sealed record ClassificationRequest(IReadOnlyList<string> Texts, IReadOnlyList<string> Categories,
    IReadOnlyList<LabelledExample> Examples, string? Model = null)
{
    /// <summary>Longest category name: the grammar spells each one out and the prompt lists them all.</summary>
    public const int MaxCategoryLength = 200;

    /// <summary>Refuses, naming the field, anything beyond the settings' bounds or inconsistent (a label that is no category).</summary>
    public void Validate(AnalyticsOptions options, string textsField = "texts")
    {
        if (Texts.Count == 0) throw new InvalidRequestException(textsField, "needs at least one text");
        if (Texts.Count > options.MaxClassifyTexts)
            throw new InvalidRequestException(textsField, $"has {Texts.Count} texts, more than the {options.MaxClassifyTexts} allowed (setting Analytics:MaxClassifyTexts)");
        for (var i = 0; i < Texts.Count; i++)
            CheckText(Texts[i], textsField == "text" ? "text" : $"{textsField}[{i}]", options);

        if (Categories.Count == 0) throw new InvalidRequestException("categories", "needs at least one category");
        if (Categories.Count > options.MaxCategories)
            throw new InvalidRequestException("categories", $"has {Categories.Count} categories, more than the {options.MaxCategories} allowed (setting Analytics:MaxCategories)");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Categories.Count; i++)
        {
            var category = Categories[i];
            if (string.IsNullOrWhiteSpace(category)) throw new InvalidRequestException($"categories[{i}]", "must not be empty");
            if (category.Length > MaxCategoryLength)
                throw new InvalidRequestException($"categories[{i}]", $"is {category.Length} characters, longer than the {MaxCategoryLength} allowed");
            if (category == TextClassification.Unknown)
                throw new InvalidRequestException($"categories[{i}]", $"'{TextClassification.Unknown}' is the answer when nothing fits; it cannot be a category");
            if (!seen.Add(category)) throw new InvalidRequestException($"categories[{i}]", $"'{category}' is listed twice");
        }

        if (Examples.Count > options.MaxExamples)
            throw new InvalidRequestException("examples", $"has {Examples.Count} examples, more than the {options.MaxExamples} allowed (setting Analytics:MaxExamples)");
        for (var i = 0; i < Examples.Count; i++)
        {
            CheckText(Examples[i].Text, $"examples[{i}].text", options);
            if (!seen.Contains(Examples[i].Label ?? ""))
                throw new InvalidRequestException($"examples[{i}].label", $"'{Examples[i].Label}' is not one of the categories");
        }
    }

    private static void CheckText(string? text, string field, AnalyticsOptions options)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new InvalidRequestException(field, "must not be empty");
        if (text.Length > options.MaxTextLength)
            throw new InvalidRequestException(field, $"is {text.Length} characters, longer than the {options.MaxTextLength} allowed (setting Analytics:MaxTextLength)");
    }
}
