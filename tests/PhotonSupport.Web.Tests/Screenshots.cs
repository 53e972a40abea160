using Microsoft.Playwright;

namespace PhotonSupport.Web.Tests;

/// <summary>
/// PNGs of the pages, for people to look at (the README's picture of the ticket page comes from here): under
/// <c>PHOTONSUPPORT_SCREENSHOTS</c> (test.sh sets the checkout's <c>.data/screenshots</c>), else beside the test binaries.
/// </summary>
public static class Screenshots
{
    public const string FolderVariable = "PHOTONSUPPORT_SCREENSHOTS";

    public static string Folder => Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } set
        ? set
        : Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Writes the whole page as <c>{name}.png</c>; its path.</summary>
    public static async Task<string> TakeAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }
}
