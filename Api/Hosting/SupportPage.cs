using Microsoft.Extensions.FileProviders;

namespace PhotonSupport.Api.Hosting;

/// <summary>
/// The support team's page (<c>Api/wwwroot</c>): static files, anonymous, since the page itself holds nothing and asks
/// for the API key before any call. They are embedded in the Api's assembly, so the page is the same whichever folder
/// the Api starts in (run.sh, the tests, a published copy).
/// </summary>
public static class SupportPage
{
    // Nothing the page loads or calls is outside the Api; the header makes the browser hold the page to that.
    private const string ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSupportPage(this IApplicationBuilder app)
    {
        var files = new EmbeddedFileProvider(typeof(SupportPage).Assembly, "PhotonSupport.Api.wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = file =>
            {
                file.Context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                file.Context.Response.Headers.XContentTypeOptions = "nosniff";
                // A new Api version brings new modules: the browser asks again rather than mixing old and new.
                file.Context.Response.Headers.CacheControl = "no-cache";
            },
        });
    }
}
