using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Airgap.Analytics;
using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Synthetic;
using Airgap.Models.Validation;

namespace Airgap.Server.Tests;

public sealed class LogAnalysisAsksTheModelThenTheCache : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerFixture.StartAsync(new AnalyticsOptions { LogModel = "tiny:test", ModelTimeout = TimeSpan.FromMinutes(5) });
        var model = Path.Combine(_server.Root, "tiny.gguf");
        SyntheticModelWriter.Write(model, SyntheticPreset.Tiny);
        await new ModelImporter(_server.Home, new ModelRegistry(_server.Home.RegistryPath), new HeaderValidator())
            .ImportFileAsync(ImportSource.FromFile(model, ModelName.Parse("tiny:test"), SemanticVersion.Parse("1.0.0")),
                new ImportOptions(Activate: true, AllowUnsigned: true), null, default);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<JsonElement> Analyze(object request)
    {
        var response = await _server.Client.PostAsJsonAsync("/v1/logs/analyze", request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task The_model_answers_each_template_once_within_the_vocabulary_and_the_second_call_is_cached()
    {
        var entries = new[]
        {
            "pump P-101 dry run detected", "pump P-102 dry run detected", "pump P-103 dry run detected",
            "operator anna logged in at panel 3",
        };

        var first = await Analyze(new { entries });
        var second = await Analyze(new { entries });

        Assert.Equal("llm", first.GetProperty("source").GetString());
        Assert.Equal("tiny:test", first.GetProperty("model").GetString());
        Assert.Empty(first.GetProperty("notes").EnumerateArray());
        var templates = first.GetProperty("templates").EnumerateArray().ToList();
        Assert.Equal([3L, 1], templates.Select(t => t.GetProperty("count").GetInt64()).Order().Reverse());
        foreach (var t in templates)
        {
            var analysis = t.GetProperty("analysis");
            Assert.Contains(analysis.GetProperty("severity").GetString(), new[] { "critical", "warning", "info" });
            Assert.Contains(analysis.GetProperty("category").GetString(), new[] { "hardware", "software", "network", "user" });
            Assert.False(string.IsNullOrWhiteSpace(analysis.GetProperty("likely_cause").GetString()));
            Assert.Equal("llm", analysis.GetProperty("source").GetString());
        }
        Assert.Equal(4, first.GetProperty("lines").GetArrayLength());
        Assert.Equal("cache", second.GetProperty("source").GetString());
        Assert.All(second.GetProperty("templates").EnumerateArray(), t => Assert.Equal("cache", t.GetProperty("analysis").GetProperty("source").GetString()));
    }
}
