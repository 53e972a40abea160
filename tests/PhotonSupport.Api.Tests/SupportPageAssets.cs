using System.Net;
using System.Text.RegularExpressions;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Jobs;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Api.Tests;

/// <summary>The support page as plain HTTP sees it: served without a key, whole, and nothing in it reaches outside the Api.</summary>
public partial class SupportPageAssets(ApiFixture api) : ApiTest(api)
{
    [Fact]
    public async Task The_page_is_served_at_the_root_without_a_key()
    {
        var response = await Api.Anonymous.GetAsync("/", Cancellation);
        var html = await response.Content.ReadAsStringAsync(Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        html.ShouldContain("<title>PhotonSupport</title>");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldStartWith("default-src 'self'");
    }

    [Fact]
    public async Task Every_asset_the_page_loads_is_served_with_its_content_type_and_none_names_another_site()
    {
        var assets = await AssetsAsync();

        assets.Keys.ShouldContain("/app/app.css");
        assets.Keys.ShouldContain("/app/main.js");
        assets.Keys.ShouldContain("/app/ticket.js");
        foreach (var (path, (type, text)) in assets)
        {
            type.ShouldBe(path.EndsWith(".css") ? "text/css" : path.EndsWith(".js") ? "text/javascript" : "text/html", path);
            text.ShouldNotContain("http://", Case.Insensitive, path);
            text.ShouldNotContain("https://", Case.Insensitive, path);
        }
    }

    [Fact]
    public async Task Modules_import_only_files_beside_them()
    {
        var modules = (await AssetsAsync()).Where(a => a.Key.EndsWith(".js")).ToArray();

        modules.Length.ShouldBeGreaterThan(5);
        foreach (var (path, (_, text)) in modules)
            foreach (Match import in Import().Matches(text))
                import.Groups["target"].Value.ShouldStartWith("./", customMessage: path);
    }

    [Fact]
    public async Task The_page_offers_every_status_platform_and_job_kind_the_Api_takes()
    {
        var vocabulary = (await AssetsAsync())["/app/vocabulary.js"].Text;

        foreach (var name in Enum.GetNames<TicketStatus>().Concat(Enum.GetNames<Platform>()).Concat(Enum.GetNames<RecoveryJobKind>()))
            vocabulary.ShouldContain($"'{name}'");
    }

    [Fact]
    public async Task An_unknown_api_path_is_still_a_problem_and_an_unknown_file_is_not_the_page()
    {
        var api = await Api.Http.GetAsync("/api/no-such-thing", Cancellation);
        api.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        (await Api.Anonymous.GetAsync("/app/no-such-module.js", Cancellation)).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    /// <summary>index.html and everything it loads, following module imports: path → (media type, text).</summary>
    private async Task<Dictionary<string, (string Type, string Text)>> AssetsAsync()
    {
        var found = new Dictionary<string, (string Type, string Text)>();
        var pending = new Queue<string>(["/index.html"]);
        while (pending.TryDequeue(out var path))
        {
            if (found.ContainsKey(path)) continue;
            var response = await Api.Anonymous.GetAsync(path, Cancellation);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            var text = await response.Content.ReadAsStringAsync(Cancellation);
            found[path] = (response.Content.Headers.ContentType!.MediaType!, text);

            var folder = path[..(path.LastIndexOf('/') + 1)];
            var references = path.EndsWith(".html")
                ? Reference().Matches(text).Select(m => m.Groups["target"].Value)
                : Import().Matches(text).Select(m => m.Groups["target"].Value);
            foreach (var target in references)
                pending.Enqueue(new Uri(new Uri("http://page" + folder), target).AbsolutePath);
        }
        return found;
    }

    [GeneratedRegex("""(?:src|href)="(?<target>[^"#:]+)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Reference();

    [GeneratedRegex("""(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s*'(?<target>[^']+)'|(?:^|\n)\s*import\s*'(?<target>[^']+)'""")]
    private static partial Regex Import();
}
