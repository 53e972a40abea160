using Microsoft.Playwright;

namespace PhotonSupport.Web.Tests;

/// <summary>
/// Debian's chromium, headless, driven by Playwright: one browser per test class. Playwright is pointed at the
/// installed executable and never downloads a browser (deploy/local/chromium.sh installs chromium).
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string PathVariable = "PHOTONSUPPORT_CHROMIUM";
    public const string DefaultPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } set ? set : DefaultPath;
        if (!File.Exists(executable))
            throw new InvalidOperationException($"{executable} is missing: run deploy/local/chromium.sh ensure-installed (or set {PathVariable})");
        // Playwright's driver (node and its package) is copied beside the test binaries by the package's build targets.
        _playwright = await Playwright.CreateAsync();
        // Chromium's first start on a loaded machine can take a while.
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = executable, Headless = true, Timeout = 120_000 });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
