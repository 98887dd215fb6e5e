using System.Net;
using System.Text;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Airgap.Ui.Tests;

public sealed class DashboardShowsTheServer(DashboardServer server, ITestOutputHelper output) : IClassFixture<DashboardServer>
{
    private static readonly LocatorAssertionsToContainTextOptions Polled = new() { Timeout = 15_000 };

    private async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(DashboardServer.ScreenshotDirectory, $"ui-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine("screenshot: " + path);
    }

    private void AssertAllLocal(List<string> requested)
    {
        lock (requested)
        {
            Assert.NotEmpty(requested);
            Assert.All(requested, url => Assert.StartsWith(server.BaseAddress.ToString(), url));
        }
    }

    [Fact]
    public async Task The_models_panel_shows_the_imported_version_and_its_digest()
    {
        var (page, requested) = await server.OpenAsync();
        await page.GotoAsync("/ui");

        var row = page.Locator("#models tbody tr", new() { HasTextString = DashboardServer.Model });
        await Expect(row).ToContainTextAsync(DashboardServer.Version, Polled);
        await Expect(row).ToContainTextAsync(server.Digest[..12]);
        await Expect(row.Locator("code").First).ToHaveAttributeAsync("title", server.Digest);
        await Expect(page.Locator("#version")).ToHaveTextAsync(Server.Endpoints.ServerVersion.Current);
        await Expect(page.Locator("#key-form")).ToBeHiddenAsync(); // this server has no keys
        await ScreenshotAsync(page, "models");
        AssertAllLocal(requested);
    }

    [Fact]
    public async Task The_queue_panel_follows_a_request_as_it_loads_the_model_and_completes()
    {
        var (page, _) = await server.OpenAsync();
        await page.GotoAsync("/ui");
        await Expect(page.Locator("#queue .status")).ToContainTextAsync("0 model(s) loaded", Polled);

        using var response = await server.Http.PostAsync("/api/generate", new StringContent(
            $$$"""{"model":"{{{DashboardServer.Model}}}","prompt":"Once upon a time","stream":false,"keep_alive":"10m","options":{"num_predict":4,"temperature":0}}""",
            Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var row = page.Locator("#queue tbody tr", new() { HasTextString = DashboardServer.Model });
        await Expect(page.Locator("#queue .status")).ToContainTextAsync("1 model(s) loaded", Polled);
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("1", new() { Timeout = 15_000 }); // completed
        await Expect(page.Locator("#models tbody tr", new() { HasTextString = DashboardServer.Model }).Locator("td").Nth(9))
            .ToHaveTextAsync("yes", new() { Timeout = 15_000 }); // loaded
        await ScreenshotAsync(page, "queue");
    }

    [Fact]
    public async Task The_audit_panel_shows_the_import_and_that_the_chain_is_intact()
    {
        var (page, _) = await server.OpenAsync();
        await page.GotoAsync("/ui");

        await Expect(page.Locator("#audit .status")).ToContainTextAsync("verified: chain intact", Polled);
        var row = page.Locator("#audit tbody tr", new() { HasTextString = DashboardServer.Model });
        await Expect(row.First).ToContainTextAsync(DashboardServer.Version);
        await Expect(row.First).ToContainTextAsync("import");
        await Expect(row.First.Locator("td").Nth(5)).ToHaveTextAsync(Airgap.Models.Catalog.AuditActor.OperatingSystemUser);
        await ScreenshotAsync(page, "audit");
    }

    [Fact]
    public async Task The_requests_panel_says_whether_this_server_logs_requests()
    {
        var (page, _) = await server.OpenAsync();
        await page.GotoAsync("/ui");

        // "not available" on a server without GET /api/airgap/requests; its table where the server has it.
        await Expect(page.Locator("#requests .status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("not available|recent request"), new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task The_requests_panel_renders_the_request_log_in_its_agreed_shape()
    {
        var (page, _) = await server.OpenAsync();
        // The shape GET /api/airgap/requests answers where the server logs requests; the browser is given it here.
        await page.RouteAsync("**/api/airgap/requests", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200, ContentType = "application/json",
            Body = """{"requests":[{"time":"2026-12-01T11:40:00Z","method":"POST","route":"/api/chat","model":"tiny:test","status":200,"prompt_tokens":18,"generated_tokens":9,"queue_ms":3,"ttft_ms":41,"total_ms":120,"priority":5,"key_id":"key:0123456789ab"},{"time":"2026-12-01T11:40:01Z","method":"POST","route":"/v1/chat/completions","model":"missing:model","status":404,"prompt_tokens":null,"generated_tokens":null,"queue_ms":null,"ttft_ms":null,"total_ms":2,"priority":0,"key_id":"anonymous"}]}""",
        }));
        await page.GotoAsync("/ui");

        await Expect(page.Locator("#requests .status")).ToContainTextAsync("2 recent request(s)", Polled);
        var chat = page.Locator("#requests tbody tr", new() { HasTextString = "/api/chat" });
        await Expect(chat).ToContainTextAsync("key:0123456789ab");
        await Expect(chat.Locator("td").Nth(8)).ToHaveTextAsync("41"); // time to first token
        await Expect(page.Locator("#requests tbody tr", new() { HasTextString = "missing:model" }).Locator("td.bad, span.bad")).ToHaveTextAsync("404");
        await ScreenshotAsync(page, "requests");
    }

    [Fact]
    public async Task The_page_is_readable_in_dark_mode()
    {
        var (page, _) = await server.OpenAsync(ColorScheme.Dark);
        await page.GotoAsync("/ui");
        await Expect(page.Locator("#models tbody tr", new() { HasTextString = DashboardServer.Model })).ToBeVisibleAsync();

        Assert.Equal("rgb(13, 17, 23)", await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor"));
        Assert.Equal("rgb(230, 237, 243)", await page.EvaluateAsync<string>("getComputedStyle(document.body).color"));
        await ScreenshotAsync(page, "dark");
    }

    [Fact]
    public async Task The_api_reference_renders_every_group_from_files_served_here()
    {
        var (page, requested) = await server.OpenAsync();
        await page.GotoAsync("/openapi");

        await Expect(page.Locator(".swagger-ui .info .title")).ToContainTextAsync("Airgap", Polled);
        await Expect(page.Locator(".swagger-ui .opblock-tag", new() { HasTextString = "Ollama API" })).ToBeVisibleAsync();
        await Expect(page.Locator(".swagger-ui .opblock-tag", new() { HasTextString = "OpenAI API" })).ToBeVisibleAsync();
        Assert.True(await page.Locator(".swagger-ui .opblock").CountAsync() > 40, "every operation is listed");
        await ScreenshotAsync(page, "openapi");
        AssertAllLocal(requested);
    }
}
