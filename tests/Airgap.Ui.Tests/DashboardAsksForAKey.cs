using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Airgap.Ui.Tests;

public sealed class DashboardAsksForAKey(KeyedDashboardServer server, ITestOutputHelper output) : IClassFixture<KeyedDashboardServer>
{
    private static readonly LocatorAssertionsToContainTextOptions Polled = new() { Timeout = 15_000 };

    private static async Task UseKeyAsync(IPage page, string key)
    {
        await Expect(page.Locator("#key-needed")).ToBeVisibleAsync();
        await page.Locator("#key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use key" }).ClickAsync();
    }

    [Fact]
    public async Task With_an_admin_key_it_shows_the_models_and_the_audit_trail()
    {
        var (page, _) = await server.OpenAsync();
        await page.GotoAsync("/ui");
        await Expect(page.Locator("#models .status")).ToContainTextAsync("HTTP 401", Polled);

        await UseKeyAsync(page, KeyedDashboardServer.AdminKey);

        await Expect(page.Locator("#models tbody tr", new() { HasTextString = DashboardServer.Model })).ToContainTextAsync(DashboardServer.Version, Polled);
        await Expect(page.Locator("#audit .status")).ToContainTextAsync("verified: chain intact", Polled);
        await Expect(page.Locator("#key-needed")).ToBeHiddenAsync();
        var path = Path.Combine(DashboardServer.ScreenshotDirectory, "ui-keyed.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine("screenshot: " + path);
    }

    [Fact]
    public async Task With_an_inference_key_the_audit_trail_says_it_needs_admin()
    {
        var (page, _) = await server.OpenAsync();
        await page.GotoAsync("/ui");

        await UseKeyAsync(page, KeyedDashboardServer.InferenceKey);

        await Expect(page.Locator("#models tbody tr", new() { HasTextString = DashboardServer.Model })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.Locator("#audit .status")).ToContainTextAsync("needs an admin API key", Polled);
    }
}
