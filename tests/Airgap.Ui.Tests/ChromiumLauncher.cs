using Microsoft.Playwright;

namespace Airgap.Ui.Tests;

/// <summary>Debian's Chromium for Playwright: never a browser Playwright would download (this machine reaches no download site).</summary>
public static class ChromiumLauncher
{
    /// <summary>The variable that names another Chromium; /usr/bin/chromium otherwise.</summary>
    public const string Variable = "PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH";

    public static BrowserTypeLaunchOptions Options()
    {
        var path = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } set ? set : "/usr/bin/chromium";
        if (!File.Exists(path))
            throw new InvalidOperationException(
                $"Chromium is not at {path}: install Debian's (apt-get install -y chromium) or set {Variable} to a Chromium executable");
        // Chromium's sandbox refuses to start as root (CI runs as root).
        return new BrowserTypeLaunchOptions { ExecutablePath = path, Headless = true, Args = Environment.UserName == "root" ? ["--no-sandbox"] : [] };
    }
}
