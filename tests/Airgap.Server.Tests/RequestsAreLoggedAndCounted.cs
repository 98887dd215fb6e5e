using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Airgap.Server.Hosting;
using Airgap.Server.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Airgap.Server.Tests;

public sealed class RequestsAreLoggedAndCounted
{
    private const string InferenceKey = "observed-inference-0123456789";
    private const string AdminKey = "observed-admin-0123456789:admin";
    private const string Prompt = "the secret prompt 7f3a";
    private const string Generate = $$$"""{"model": "tiny:test", "prompt": "{{{Prompt}}}", "stream": false, "options": {"num_predict": 4, "ignore_eos": true}}""";

    [Fact]
    public async Task A_generation_is_one_request_line_with_its_figures_and_neither_the_key_nor_the_prompt()
    {
        await using var server = await AssistantServer.StartAsync(server: o => o with { ApiKeys = [ApiKey.Parse(InferenceKey), ApiKey.Parse(AdminKey)] });
        var logs = new CapturedLogs();
        server.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);

        using var response = await server.Client.SendAsync(Post("/api/generate", InferenceKey, Generate));
        await SettledAsync(server, 1);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var line = Assert.Single(logs.Entries, e => e.Category == RequestLogging.Category && e.Level == LogLevel.Information);
        Assert.Equal("POST", line.Fields["Method"]);
        Assert.Equal("/api/generate", line.Fields["Route"]);
        Assert.Equal("tiny:test@1.0.0", line.Fields["Model"]);
        Assert.Equal(200, line.Fields["Status"]);
        Assert.True((int)line.Fields["PromptTokens"]! > 0);
        Assert.Equal(4, line.Fields["GeneratedTokens"]);
        Assert.True((double)line.Fields["QueueMs"]! >= 0);
        Assert.True((double)line.Fields["TtftMs"]! > 0);
        Assert.True((double)line.Fields["TotalMs"]! >= (double)line.Fields["TtftMs"]!);
        Assert.Equal(0, line.Fields["Priority"]);
        Assert.Equal(ApiKey.Parse(InferenceKey).Id, line.Fields["KeyId"]);
        Assert.StartsWith("POST /api/generate model=tiny:test@1.0.0 status=200 ", line.Message);
        var everything = string.Join('\n', logs.Entries.Select(e => e.Message + string.Join(' ', e.Fields.Values)));
        Assert.DoesNotContain(InferenceKey, everything);
        Assert.DoesNotContain(Prompt, everything);
    }

    [Fact]
    public async Task An_embedding_request_names_its_model_and_input_tokens()
    {
        await using var server = await AssistantServer.StartAsync();
        var (status, _) = await server.PostAsync("/api/embed", """{"model": "tiny:test", "input": ["pump 3 pressure high", "valve open"]}""");
        await SettledAsync(server, 1);
        using var listed = JsonDocument.Parse(await server.Client.GetStringAsync("/api/airgap/requests"));

        Assert.Equal(HttpStatusCode.OK, status);
        var embed = listed.RootElement.GetProperty("requests")[0];
        Assert.Equal("/api/embed", embed.GetProperty("route").GetString());
        Assert.Equal("tiny:test@1.0.0", embed.GetProperty("model").GetString());
        Assert.True(embed.GetProperty("prompt_tokens").GetInt32() > 0);
        Assert.Equal(JsonValueKind.Null, embed.GetProperty("generated_tokens").ValueKind);
    }

    [Fact]
    public async Task A_cached_answer_has_no_queue_wait_and_adds_no_generation_speed()
    {
        await using var server = await AssistantServer.StartAsync();
        const string Seeded = """{"model": "tiny:test", "prompt": "hi", "stream": false, "options": {"num_predict": 3, "ignore_eos": true, "seed": 7}}""";
        using (await server.Client.PostAsync("/api/generate", new StringContent(Seeded))) { }
        using var second = await server.Client.PostAsync("/api/generate", new StringContent(Seeded));
        await SettledAsync(server, 2);
        var metrics = await server.Client.GetStringAsync("/metrics");
        var cached = server.Services.GetRequiredService<RequestRecords>().Recent().First(r => r.Route == "/api/generate");

        Assert.Equal("hit", second.Headers.GetValues("X-Airgap-Cache").Single());
        Assert.Equal("tiny:test@1.0.0", cached.Model);
        Assert.Equal(3, cached.GeneratedTokens);
        Assert.Null(cached.QueueWait);
        Assert.NotNull(cached.TimeToFirstToken);
        Assert.Contains("""airgap_generation_tokens_per_second_count{model="tiny:test@1.0.0",priority="0"} 1""", metrics);
        Assert.Contains("""airgap_time_to_first_token_seconds_count{model="tiny:test@1.0.0",priority="0"} 2""", metrics);
    }

    [Fact]
    public async Task A_refusal_is_logged_with_its_code_and_counted()
    {
        await using var server = await AssistantServer.StartAsync();
        var logs = new CapturedLogs();
        server.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);

        var (status, _) = await server.PostAsync("/api/generate", """{"model": "no-such:model", "prompt": "hi", "stream": false}""");
        await SettledAsync(server, 1);
        var metrics = await server.Client.GetStringAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, status);
        var refusal = Assert.Single(logs.Entries, e => e.Category == RequestLogging.Category && e.Message.StartsWith("Refused", StringComparison.Ordinal));
        Assert.Equal("model_not_found", refusal.Fields["Code"]);
        Assert.Contains("""airgap_refusals_total{status="404",code="model_not_found"} 1""", metrics);
        Assert.Contains("""airgap_requests_total{route="/api/generate",model="",status="404"} 1""", metrics);
    }

    [Fact]
    public async Task A_blob_changed_on_disk_is_a_verify_failure_and_a_refused_load_in_the_metrics()
    {
        await using var server = await AssistantServer.StartAsync();
        var version = server.Services.GetRequiredService<Models.Catalog.ModelRegistry>().Resolve(AssistantServer.Model);
        var blob = server.Home.BlobPath(version.Digest);
        File.SetAttributes(blob, FileAttributes.Normal); // blobs are stored read-only
        await using (var file = new FileStream(blob, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Seek(-1, SeekOrigin.End);
            var last = file.ReadByte();
            file.Seek(-1, SeekOrigin.End);
            file.WriteByte((byte)(last ^ 0xff));
        }

        var (status, _) = await server.PostAsync("/api/generate", Generate);
        await SettledAsync(server, 1);
        var metrics = await server.Client.GetStringAsync("/metrics");

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Contains("airgap_verify_failures_total 1", metrics);
        Assert.Contains("""airgap_refusals_total{status="500",code="model_load_failed"} 1""", metrics);
        Assert.Contains("airgap_models_loaded 0", metrics);
    }

    [Fact]
    public async Task The_requests_endpoint_lists_the_last_requests_newest_first_in_the_dashboards_shape_for_admin_keys_only()
    {
        await using var server = await AssistantServer.StartAsync(server: o => o with { ApiKeys = [ApiKey.Parse(InferenceKey), ApiKey.Parse(AdminKey)] });
        using (await server.Client.SendAsync(Post("/api/generate", InferenceKey, Generate))) { }
        await SettledAsync(server, 1);
        using var forbidden = await server.Client.SendAsync(Get("/api/airgap/requests", InferenceKey));
        await SettledAsync(server, 2);
        using var listed = await server.Client.SendAsync(Get("/api/airgap/requests", AdminKey.Split(':')[0]));

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var requests = JsonDocument.Parse(await listed.Content.ReadAsStringAsync()).RootElement.GetProperty("requests").EnumerateArray().ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal(["time", "method", "route", "model", "status", "prompt_tokens", "generated_tokens", "queue_ms", "ttft_ms", "total_ms", "priority", "key_id"],
            requests[1].EnumerateObject().Select(p => p.Name));
        Assert.Equal("/api/airgap/requests", requests[0].GetProperty("route").GetString());
        Assert.Equal(403, requests[0].GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.Null, requests[0].GetProperty("model").ValueKind);
        var generation = requests[1];
        Assert.Equal("POST", generation.GetProperty("method").GetString());
        Assert.Equal("/api/generate", generation.GetProperty("route").GetString());
        Assert.Equal("tiny:test@1.0.0", generation.GetProperty("model").GetString());
        Assert.Equal(200, generation.GetProperty("status").GetInt32());
        Assert.True(generation.GetProperty("prompt_tokens").GetInt32() > 0);
        Assert.Equal(4, generation.GetProperty("generated_tokens").GetInt32());
        Assert.True(generation.GetProperty("queue_ms").GetDouble() >= 0);
        Assert.True(generation.GetProperty("ttft_ms").GetDouble() > 0);
        Assert.True(generation.GetProperty("total_ms").GetDouble() > 0);
        Assert.Equal(0, generation.GetProperty("priority").GetInt32());
        Assert.Equal(ApiKey.Parse(InferenceKey).Id, generation.GetProperty("key_id").GetString());
        Assert.True(generation.GetProperty("time").GetDateTimeOffset() <= requests[0].GetProperty("time").GetDateTimeOffset());
    }

    [Fact]
    public async Task Metrics_count_a_generation_and_need_a_key_of_any_scope_when_keys_are_configured()
    {
        await using var server = await AssistantServer.StartAsync(server: o => o with { ApiKeys = [ApiKey.Parse(InferenceKey)] });
        using (await server.Client.SendAsync(Post("/api/generate", InferenceKey, Generate))) { }
        await SettledAsync(server, 1);

        using var anonymous = await server.Client.GetAsync("/metrics");
        using var scraped = await server.Client.SendAsync(Get("/metrics", InferenceKey));
        var text = await scraped.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("""airgap_requests_total{route="/api/generate",model="tiny:test@1.0.0",status="200"} 1""", text);
        Assert.Contains("""airgap_time_to_first_token_seconds_count{model="tiny:test@1.0.0",priority="0"} 1""", text);
        Assert.Contains("""airgap_queue_wait_seconds_count{model="tiny:test@1.0.0",priority="0"} 1""", text);
        Assert.Contains("""airgap_request_duration_seconds_count{model="tiny:test@1.0.0",priority="0"} 1""", text);
        Assert.Contains("""airgap_generation_tokens_per_second_count{model="tiny:test@1.0.0",priority="0"} 1""", text);
        Assert.Contains("airgap_models_loaded 1", text);
        Assert.Contains("""airgap_model_memory_bytes{model="tiny:test@1.0.0"}""", text);
        Assert.Contains("airgap_verify_failures_total 0", text);
        Assert.DoesNotContain("process_cpu_seconds_total", text); // this server's registry, not the process-wide one
    }

    [Fact]
    public async Task Two_servers_in_one_process_count_their_own_requests()
    {
        await using var first = await AssistantServer.StartAsync();
        await using var second = await AssistantServer.StartAsync();
        await first.PostAsync("/api/generate", Generate);
        await SettledAsync(first, 1);

        var mine = await first.Client.GetStringAsync("/metrics");
        var theirs = await second.Client.GetStringAsync("/metrics");

        Assert.Contains("""airgap_requests_total{route="/api/generate",model="tiny:test@1.0.0",status="200"} 1""", mine);
        Assert.DoesNotContain("/api/generate", theirs);
    }

    [Fact]
    public void The_json_log_format_writes_each_entry_as_one_JSON_object_on_one_line()
    {
        var home = new Models.Storage.AirgapHome(Directory.CreateTempSubdirectory("airgap-logformat-").FullName);
        try
        {
            var app = AirgapServer.Build(home, new ServerOptions { LogFormat = LogFormat.Json }, new Models.Validation.HeaderValidator());
            var console = app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
            var formatter = app.Services.GetServices<ConsoleFormatter>().Single(f => f.Name == console.FormatterName);
            using var written = new StringWriter();
            formatter.Write(new LogEntry<string>(LogLevel.Information, RequestLogging.Category, new EventId(1, "Request"), "POST /api/generate status=200",
                null, (s, _) => s), null, written);

            Assert.Equal(ConsoleFormatterNames.Json, console.FormatterName);
            var line = Assert.Single(written.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            var entry = JsonDocument.Parse(line).RootElement;
            Assert.Equal(RequestLogging.Category, entry.GetProperty("Category").GetString());
            Assert.Equal("POST /api/generate status=200", entry.GetProperty("Message").GetString());
            Assert.True(entry.TryGetProperty("Timestamp", out _));
        }
        finally
        {
            Directory.Delete(home.Root, recursive: true);
        }
    }

    // The client may read a response's last byte just before the server finishes its record: wait for the record.
    private static async Task SettledAsync(AssistantServer server, int requests)
    {
        var records = server.Services.GetRequiredService<RequestRecords>();
        for (var i = 0; i < 100 && records.Recent().Count < requests; i++) await Task.Delay(50);
        Assert.True(records.Recent().Count >= requests, $"fewer than {requests} requests were recorded in 5 s");
    }

    private static HttpRequestMessage Post(string path, string key, string json) =>
        new(HttpMethod.Post, path)
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", key) },
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };

    private static HttpRequestMessage Get(string path, string key) =>
        new(HttpMethod.Get, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", key) } };
}
