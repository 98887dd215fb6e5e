using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Airgap.Analytics.LogAnalysis;
using Airgap.Models.Storage;
using Airgap.Models.Validation;
using Airgap.Server.Hosting;

namespace Airgap.Server.Tests;

public sealed class LogAnalysisAnswersFromTheRulesWithoutAModel : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private const string Log = """
        2024-03-01 10:00:01 INFO batch 41 started
        2024-03-01 10:00:02 ERROR write /data/b41.csv failed: No space left on device
        2024-03-01 10:00:03 INFO batch 42 started

        2024-03-01 10:00:04 ERROR write /data/b42.csv failed: No space left on device
        2024-03-01 10:00:05 INFO batch 43 started
        """;

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task Every_line_maps_to_its_template_and_each_template_is_analysed_once()
    {
        var root = await Json(await _server.Client.PostAsJsonAsync("/v1/logs/analyze", new { text = Log }));

        var templates = root.GetProperty("templates").EnumerateArray().ToList();
        Assert.Equal(2, templates.Count);
        // The most urgent first.
        Assert.Equal("critical", templates[0].GetProperty("analysis").GetProperty("severity").GetString());
        Assert.Equal("software", templates[0].GetProperty("analysis").GetProperty("category").GetString());
        Assert.Equal(2, templates[0].GetProperty("count").GetInt64());
        Assert.Equal("info", templates[1].GetProperty("analysis").GetProperty("severity").GetString());
        Assert.Equal(3, templates[1].GetProperty("count").GetInt64());
        Assert.All(templates, t => Assert.Equal("rules", t.GetProperty("analysis").GetProperty("source").GetString()));

        var lines = root.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal([1L, 2, 3, 5, 6], lines.Select(l => l.GetProperty("line").GetInt64()));
        var ids = templates.ToDictionary(t => t.GetProperty("id").GetString()!, t => t.GetProperty("analysis").GetProperty("severity").GetString());
        Assert.Equal(["info", "critical", "info", "critical", "info"], lines.Select(l => ids[l.GetProperty("template_id").GetString()!]));
        Assert.Equal("rules", root.GetProperty("source").GetString());
        Assert.Equal("qwen2.5:3b", root.GetProperty("model").GetString());
        Assert.Equal("model 'qwen2.5:3b' is not installed: the rules answered", Assert.Single(root.GetProperty("notes").EnumerateArray()).GetString());
        Assert.True(root.GetProperty("elapsed_ms").GetInt64() >= 0);
    }

    [Fact]
    public async Task One_entry_a_list_an_upload_and_a_plain_body_are_all_accepted()
    {
        var one = await Json(await _server.Client.PostAsJsonAsync("/v1/logs/analyze", new { entries = "pump P-101 dry run detected" }));
        var list = await Json(await _server.Client.PostAsJsonAsync("/v1/logs/analyze",
            new { entries = new[] { "dial tcp 10.0.0.5:502: connection refused", "dial tcp 10.0.0.6:502: connection refused" }, format = "<Content>" }));
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(Log)), "file", "app.log" },
            { new StringContent("<Date> <Time> <Level> <Content>"), "format" },
        };
        var upload = await Json(await _server.Client.PostAsync("/v1/logs/analyze", form));
        var plain = await Json(await _server.Client.PostAsync("/v1/logs/analyze?format=%3CContent%3E", new StringContent(Log, Encoding.UTF8, "text/plain")));

        Assert.Equal("critical", Assert.Single(one.GetProperty("templates").EnumerateArray()).GetProperty("analysis").GetProperty("severity").GetString());
        var refused = Assert.Single(list.GetProperty("templates").EnumerateArray());
        Assert.Equal(("network", 2L), (refused.GetProperty("analysis").GetProperty("category").GetString(), refused.GetProperty("count").GetInt64()));
        Assert.Equal("<Date> <Time> <Level> <Content>", upload.GetProperty("format").GetString());
        Assert.Equal(5, upload.GetProperty("lines").GetArrayLength());
        Assert.Equal(2, upload.GetProperty("templates").GetArrayLength());
        Assert.Equal(5, plain.GetProperty("lines").GetArrayLength());
    }

    [Fact]
    public async Task A_request_may_name_another_model_and_a_missing_one_leaves_the_rules()
    {
        var root = await Json(await _server.Client.PostAsJsonAsync("/v1/logs/analyze", new { entries = "E-STOP pressed", model = "absent:1b" }));

        Assert.Equal("absent:1b", root.GetProperty("model").GetString());
        Assert.Equal("rules", root.GetProperty("source").GetString());
        Assert.Contains("'absent:1b' is not installed", root.GetProperty("notes")[0].GetString());
    }

    [Fact]
    public async Task An_empty_model_asks_for_the_rules_alone()
    {
        var root = await Json(await _server.Client.PostAsJsonAsync("/v1/logs/analyze", new { entries = "E-STOP pressed", model = "" }));

        Assert.Equal(JsonValueKind.Null, root.GetProperty("model").ValueKind);
        Assert.Equal("the request asked for no model: the rules answered", Assert.Single(root.GetProperty("notes").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task A_bad_rules_file_stops_the_start_naming_the_rule()
    {
        var root = Directory.CreateTempSubdirectory("airgap-rules-").FullName;
        try
        {
            var home = new AirgapHome(Path.Combine(root, "home"));
            File.WriteAllText(Path.Combine(home.Root, "rules.json"), """[ {"pattern": "(", "severity": "info", "category": "user", "likely_cause": "c", "suggested_action": "a"} ]""");
            var options = new ServerOptions { Urls = "http://127.0.0.1:8080", Analytics = new() { RulesFile = "rules.json" } };

            var error = Assert.Throws<LogRulesException>(() => AirgapServer.Build(home, options, new HeaderValidator()));

            Assert.StartsWith($"rules file {Path.Combine(home.Root, "rules.json")}: rule [0]: pattern is not a valid regular expression", error.Message);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
