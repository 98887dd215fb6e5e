using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Airgap.Server.Tests;

public sealed class AnomalyDetectorsOverHttp
{
    private static string Rows(int count, int seed, double pressureShift = 0)
    {
        var random = new Random(seed);
        return "[" + string.Join(",", Enumerable.Range(0, count).Select(_ =>
        {
            var flow = 30 + random.NextDouble() * 4;
            return string.Create(CultureInfo.InvariantCulture,
                $$"""{"flow": {{flow}}, "pressure": {{0.1 * flow + random.NextDouble() * 0.02 + pressureShift}}, "current": {{0.03 * flow + random.NextDouble() * 0.006}}}""");
        })) + "]";
    }

    private const string Definition = """{"name": "pump-3", "features": ["flow", "pressure", "current"], "params": {"decision_window": 1, "limit_factor": 2}}""";

    [Fact]
    public async Task Define_train_score_and_retrain_as_registry_versions()
    {
        await using var server = await AssistantServer.StartAsync();

        var (created, definition) = await server.PostAsync("/v1/anomaly/detectors", Definition);
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(("pump-3:latest", "pca-t2q"), (definition.GetProperty("name").GetString(), definition.GetProperty("algorithm").GetString()));
        Assert.Equal(JsonValueKind.Null, definition.GetProperty("active_version").ValueKind);

        var (trained, first) = await server.PostAsync("/v1/anomaly/detectors/pump-3/train", $$"""{"rows": {{Rows(300, 1)}}}""");
        Assert.Equal(HttpStatusCode.OK, trained);
        Assert.Equal(("1.0.0", 300, true), (first.GetProperty("version").GetString(), first.GetProperty("rows").GetInt32(), first.GetProperty("active").GetBoolean()));

        var (scored, scores) = await server.PostAsync("/v1/anomaly/detectors/pump-3/score",
            $$"""{"rows": [{"flow": 32, "pressure": 3.21, "current": 0.963}, [32, 4.2, 0.963]]}""");
        Assert.Equal(HttpStatusCode.OK, scored);
        var results = scores.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([false, true], results.Select(r => r.GetProperty("is_anomaly").GetBoolean()));
        Assert.True(results[1].GetProperty("contributions").GetProperty("pressure").GetDouble() > 0.5);
        Assert.Equal("1.0.0", scores.GetProperty("version").GetString());

        using var csv = new StringContent("flow,pressure,current\n30,3.0,0.9\n31,3.1,0.93\n" + string.Join("\n",
            Enumerable.Range(0, 50).Select(i => string.Create(CultureInfo.InvariantCulture, $"{30 + i % 4},{0.1 * (30 + i % 4) + i % 3 * 0.005},{0.03 * (30 + i % 4)}"))),
            Encoding.UTF8, "text/csv");
        using var retrain = await server.Client.PostAsync("/v1/anomaly/detectors/pump-3/train", csv);
        Assert.Equal(HttpStatusCode.OK, retrain.StatusCode);

        using var shown = JsonDocument.Parse(await server.Client.GetStringAsync("/v1/anomaly/detectors/pump-3"));
        Assert.Equal("1.0.1", shown.RootElement.GetProperty("active_version").GetString());
        Assert.Equal(["1.0.0", "1.0.1"], shown.RootElement.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()).Order());
        using var listed = JsonDocument.Parse(await server.Client.GetStringAsync("/v1/anomaly/detectors"));
        Assert.Single(listed.RootElement.GetProperty("detectors").EnumerateArray());

        using var removed = await server.Client.DeleteAsync("/v1/anomaly/detectors/pump-3");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.DeleteAsync("/v1/anomaly/detectors/pump-3")).StatusCode);
        Assert.Equal(2, new Airgap.Models.Catalog.ModelRegistry(server.Home.RegistryPath).List().Count(v => v.Name == "pump-3:latest"));

        using var tags = JsonDocument.Parse(await server.Client.GetStringAsync("/api/tags"));
        Assert.DoesNotContain(tags.RootElement.GetProperty("models").EnumerateArray(), m => m.GetProperty("name").GetString()!.StartsWith("pump-3"));
        var (chat, _) = await server.PostAsync("/api/chat", """{"model": "pump-3", "messages": [{"role": "user", "content": "hi"}], "stream": false}""");
        Assert.Equal(HttpStatusCode.BadRequest, chat);
    }

    [Fact]
    public async Task Bad_rows_are_a_400_naming_the_feature_or_the_line_and_column_and_nothing_is_stored()
    {
        await using var server = await AssistantServer.StartAsync();
        await server.PostAsync("/v1/anomaly/detectors", Definition);

        async Task<JsonElement> Refused(string path, HttpContent content, HttpStatusCode status = HttpStatusCode.BadRequest)
        {
            using var response = await server.Client.PostAsync(path, content);
            Assert.Equal(status, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        }
        static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

        Assert.Equal("rows[1].pressure", (await Refused("/v1/anomaly/detectors/pump-3/train", Json("""{"rows": [{"flow": 1, "pressure": 2, "current": 3}, {"flow": 1, "current": 3}]}"""))).GetProperty("param").GetString());
        Assert.Equal("rows[0].current", (await Refused("/v1/anomaly/detectors/pump-3/train", Json("""{"rows": [{"flow": 1, "pressure": 2, "current": "hot"}]}"""))).GetProperty("param").GetString());
        var csv = await Refused("/v1/anomaly/detectors/pump-3/train", new StringContent("flow,pressure,current\n1,2,3\n1,x,3\n", Encoding.UTF8, "text/csv"));
        Assert.Equal("data row 2, column 'pressure': 'x' is not a number", csv.GetProperty("message").GetString()!.Split(": ", 2)[1]);
        Assert.Equal("detector_not_found", (await Refused("/v1/anomaly/detectors/fan-1/score", Json("""{"rows": [[1, 2, 3]]}"""), HttpStatusCode.NotFound)).GetProperty("code").GetString());
        Assert.Contains("has not been trained", (await Refused("/v1/anomaly/detectors/pump-3/score", Json("""{"rows": [[1, 2, 3]]}"""))).GetProperty("message").GetString());
        Assert.Equal("name", (await Refused("/v1/anomaly/detectors", Json(Definition))).GetProperty("param").GetString());
        Assert.Equal("params", (await Refused("/v1/anomaly/detectors", Json("""{"name": "p2", "features": ["a"], "params": {"n_trees": 3}}"""))).GetProperty("param").GetString());
        Assert.Equal("algorithm", (await Refused("/v1/anomaly/detectors", Json("""{"name": "p2", "features": ["a"], "algorithm": "magic"}"""))).GetProperty("param").GetString());

        using var shown = JsonDocument.Parse(await server.Client.GetStringAsync("/v1/anomaly/detectors/pump-3"));
        Assert.Empty(shown.RootElement.GetProperty("versions").EnumerateArray());
    }

    [Fact]
    public async Task A_detector_cannot_take_a_chat_models_name_and_concurrent_trainings_get_their_own_versions()
    {
        await using var server = await AssistantServer.StartAsync();

        var (status, taken) = await server.PostAsync("/v1/anomaly/detectors", """{"name": "tiny:test", "features": ["a"]}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("name", taken.GetProperty("error").GetProperty("param").GetString());
        Assert.Contains("gguf model", taken.GetProperty("error").GetProperty("message").GetString());
        var (tooWide, wide) = await server.PostAsync("/v1/anomaly/detectors",
            $$"""{"name": "wide", "features": [{{string.Join(",", Enumerable.Range(0, 300).Select(i => $"\"f{i}\""))}}]}""");
        Assert.Equal((HttpStatusCode.BadRequest, "features"), (tooWide, wide.GetProperty("error").GetProperty("param").GetString()));

        await server.PostAsync("/v1/anomaly/detectors", Definition);
        var trainings = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => server.PostAsync("/v1/anomaly/detectors/pump-3/train", $$"""{"rows": {{Rows(100, i)}}}""")));

        Assert.All(trainings, t => Assert.Equal(HttpStatusCode.OK, t.Status));
        Assert.Equal(["1.0.0", "1.0.1", "1.0.2"], trainings.Select(t => t.Body.GetProperty("version").GetString()).Order());
    }
}
