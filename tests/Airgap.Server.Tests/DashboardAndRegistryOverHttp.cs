using System.Net;
using System.Text.Json;

namespace Airgap.Server.Tests;

public sealed class DashboardAndRegistryOverHttp : IAsyncLifetime
{
    private AssistantServer _server = null!;

    public async Task InitializeAsync() => _server = await AssistantServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<JsonElement> GetJson(string path)
    {
        using var response = await _server.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Theory]
    [InlineData("/ui", "text/html")]
    [InlineData("/ui/index.html", "text/html")]
    [InlineData("/ui/dashboard.js", "text/javascript")]
    [InlineData("/ui/dashboard.css", "text/css")]
    public async Task The_dashboard_files_come_from_the_server_with_a_policy_that_loads_nothing_from_elsewhere(string path, string type)
    {
        using var response = await _server.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.NotEmpty(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/ui/missing.js")]
    [InlineData("/ui/..%2FAirgap.Server.dll")]
    public async Task Anything_else_under_ui_is_not_found(string path)
    {
        using var response = await _server.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Registry_models_lists_each_version_with_its_digest_and_validation()
    {
        var model = Assert.Single((await GetJson("/api/airgap/models")).GetProperty("models").EnumerateArray());

        Assert.Equal(AssistantServer.Model, model.GetProperty("name").GetString());
        Assert.Equal("1.0.0", model.GetProperty("version").GetString());
        Assert.True(model.GetProperty("active").GetBoolean());
        Assert.Equal("gguf", model.GetProperty("format").GetString());
        Assert.Matches("^[0-9a-f]{64}$", model.GetProperty("digest").GetString());
        Assert.NotEqual(default, model.GetProperty("validated_at").GetDateTimeOffset());
        Assert.False(model.GetProperty("loaded").GetBoolean());
        Assert.Equal(JsonValueKind.Null, model.GetProperty("memory_bytes").ValueKind);
    }

    [Fact]
    public async Task Registry_audit_shows_the_import_and_that_the_chain_is_intact()
    {
        var audit = await GetJson("/api/airgap/audit");

        var verification = audit.GetProperty("verification");
        Assert.True(verification.GetProperty("intact").GetBoolean());
        Assert.Equal(1, verification.GetProperty("registered_versions").GetInt32());
        Assert.Matches("^[0-9a-f]{64}$", verification.GetProperty("head").GetString());
        var entries = audit.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(verification.GetProperty("entries").GetInt32(), entries.Count);
        Assert.Contains(entries, e => e.GetProperty("name").GetString() == AssistantServer.Model && e.GetProperty("version").GetString() == "1.0.0");
        Assert.Equal(verification.GetProperty("head").GetString(), entries[0].GetProperty("hash").GetString());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("ten")]
    public async Task Registry_audit_refuses_a_limit_out_of_range_and_names_it(string limit)
    {
        using var response = await _server.Client.GetAsync("/api/airgap/audit?limit=" + limit);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("limit: must be a whole number from 1 to 1000", await response.Content.ReadAsStringAsync());
    }
}
