using Airgap.Inference.Chat;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Airgap.Analytics.LogAnalysis;

/// <summary>
/// Analyses distinct templates: each once, from the cache when the same model version answered it before, else by
/// the model (at most <see cref="AnalyticsOptions.MaxModelTemplates"/>, within <see cref="AnalyticsOptions.ModelTimeout"/>),
/// else by the rules. The model enhances and never breaks: a missing, failing or slow model leaves the rules' answer.
/// </summary>
public sealed class TemplateAnalyzer(IChatClient chat, ModelVersionLookup versions, LogRuleSet rules, LogAnalysisCache cache,
    AnalyticsOptions options, ILogger? logger = null, TimeProvider? clock = null)
{
    // Templates asked at once: enough to fill a few of the runner's parallel sequences, few enough that a
    // large log does not take every slot from interactive requests of higher priority.
    private const int ConcurrentQuestions = 4;

    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The analysis of every group, in the order given; <paramref name="model"/> overrides the configured one.</summary>
    public async Task<TemplateAnalysisOutcome> AnalyzeAsync(IReadOnlyList<LogTemplateGroup> groups, string? model, CancellationToken cancellationToken)
    {
        var answers = groups.Select(g => rules.Analyze(g.Template, g.Example)).ToArray();
        var notes = new List<string>();
        // null: the configured model; empty: the caller asks for none (rules only), as classification's "model": "" does.
        if (model is not null && string.IsNullOrWhiteSpace(model))
        {
            notes.Add("the request asked for no model: the rules answered");
            return new TemplateAnalysisOutcome(answers, null, notes);
        }
        model = model?.Trim() ?? options.LogModel;
        if (string.IsNullOrWhiteSpace(model))
        {
            notes.Add("no log model is configured (Analytics:LogModel): the rules answered");
            return new TemplateAnalysisOutcome(answers, null, notes);
        }
        var version = versions(model);
        if (version is null)
        {
            notes.Add($"model '{model}' is not installed: the rules answered");
            return new TemplateAnalysisOutcome(answers, model, notes);
        }
        var cacheKey = $"{version} {LogAnalysisPrompt.Revision}";

        // The most urgent templates by the rules' reading go to the model first, then the most frequent.
        var order = Enumerable.Range(0, groups.Count)
            .OrderBy(i => LogAnalysisVocabulary.Rank(answers[i].Severity)).ThenByDescending(i => groups[i].Count).ToList();
        var toAsk = new List<int>();
        foreach (var i in order)
        {
            if (cache.Find(groups[i].Template, cacheKey) is { } cached) answers[i] = cached;
            else toAsk.Add(i);
        }
        if (toAsk.Count > options.MaxModelTemplates)
        {
            notes.Add($"{toAsk.Count - options.MaxModelTemplates} templates beyond Analytics:MaxModelTemplates ({options.MaxModelTemplates}) were answered by the rules");
            toAsk.RemoveRange(options.MaxModelTemplates, toAsk.Count - options.MaxModelTemplates);
        }
        if (toAsk.Count > 0) await AskAsync(groups, toAsk, model, cacheKey, answers, notes, cancellationToken);
        return new TemplateAnalysisOutcome(answers, model, notes);
    }

    private async Task AskAsync(IReadOnlyList<LogTemplateGroup> groups, List<int> toAsk, string model, string cacheKey,
        TemplateAnalysis[] answers, List<string> notes, CancellationToken cancellationToken)
    {
        using var deadline = new ModelDeadline(options.ModelTimeout, _clock, cancellationToken);
        string? failure = null;
        var unusable = 0;
        await Parallel.ForEachAsync(toAsk, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentQuestions }, async (i, _) =>
        {
            if (deadline.Token.IsCancellationRequested) return;
            try
            {
                var response = await chat.GetResponseAsync(LogAnalysisPrompt.Messages(groups[i]), Options(model), deadline.Token);
                if (LogAnalysisPrompt.Read(response.Text) is { } analysis)
                {
                    answers[i] = analysis;
                    cache.Store(groups[i].Template, cacheKey, analysis);
                }
                else Interlocked.Increment(ref unusable);
            }
            catch (Exception e) when (!deadline.Token.IsCancellationRequested)
            {
                // One failure (a model that does not load, a full queue) would repeat for every template: stop asking.
                Interlocked.CompareExchange(ref failure, e.Message, null);
                _logger.LogWarning("Log analysis: model {Model} failed, the rules answer instead: {Message}", model, e.Message);
                deadline.Abandon();
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The deadline passed or a failure stopped the rest (a request already under way may end with its own
                // error then): this template keeps the rules' answer.
            }
        });
        cancellationToken.ThrowIfCancellationRequested();
        var unanswered = toAsk.Count(i => answers[i].Source != LogAnalysisVocabulary.FromModel);
        if (failure is not null)
            notes.Add($"model '{model}' failed ({failure}): the rules answered {unanswered} templates");
        else if (deadline.Expired)
            notes.Add($"model '{model}' did not answer within Analytics:ModelTimeout ({options.ModelTimeout}): the rules answered {unanswered} templates");
        if (unusable > 0)
            notes.Add($"model '{model}' gave {unusable} answers that were cut off or outside the vocabulary: the rules answered those");
    }

    private ChatOptions Options(string model) => new()
    {
        ModelId = model,
        ResponseFormat = LogAnalysisPrompt.Format,
        MaxOutputTokens = LogAnalysisPrompt.MaxOutputTokens,
        // One answer per template and model version is kept: the same question should get the same answer.
        Temperature = 0,
        AdditionalProperties = new() { [AirgapChatProperties.Priority] = options.LogPriority },
    };
}
