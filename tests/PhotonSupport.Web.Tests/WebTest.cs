using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace PhotonSupport.Web.Tests;

/// <summary>
/// A test of the support page in chromium: a fresh browser context (no session storage, no cookies) per test, at a
/// laptop's 1280×800. Pages are found as people and screen readers find them, by role and accessible name
/// (the contract between the page and these tests). Every wait is Playwright's auto-waiting, with a ceiling.
/// </summary>
public abstract class WebTest(SupportApi api, Chromium chromium) : IAsyncLifetime
{
    /// <summary>A ceiling for anything the page does by itself (a live update, a bench's progress) on a loaded machine.</summary>
    protected const float Patience = 30_000;

    private const string KeyStorage = "photonsupport.apiKey";

    static WebTest() => Assertions.SetDefaultExpectTimeout(Patience);

    protected SupportApi Api { get; } = api;

    protected IBrowserContext Context { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Context = await chromium.Browser.NewContextAsync(new()
        {
            BaseURL = Api.Address.ToString(), ViewportSize = new() { Width = 1280, Height = 800 },
        });
        Context.SetDefaultTimeout(Patience);
        Page = await Context.NewPageAsync();
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();

    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    protected ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    protected ILocator Field(string label) => Page.GetByLabel(label, new() { Exact = true });

    protected ILocator Heading(string name) => Page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true, Level = 1 });

    protected ILocator Table(string caption) => Page.GetByRole(AriaRole.Table, new() { Name = caption, Exact = true });

    /// <summary>
    /// What the ticket's Report section says for <paramref name="term"/> ("Status", "Assignee", "LED pattern"): the
    /// definition that follows the term in its description list.
    /// </summary>
    protected ILocator ReportFact(string term) =>
        Page.GetByRole(AriaRole.Region, new() { Name = "Report", Exact = true }).GetByRole(AriaRole.Term)
            .Filter(new() { HasTextRegex = new Regex($"^{Regex.Escape(term)}$") }).Locator("xpath=following-sibling::dd[1]");

    /// <summary>The form whose button is <paramref name="button"/>: each action is its own form, its refusals inside it.</summary>
    protected ILocator FormWith(string button) => Page.Locator("form").Filter(new() { Has = Button(button) });

    protected ILocator TimelineItem(string pattern) =>
        Page.GetByRole(AriaRole.List, new() { Name = "Timeline", Exact = true }).GetByRole(AriaRole.Listitem)
            .Filter(new() { HasTextRegex = new Regex(pattern, RegexOptions.IgnoreCase) });

    /// <summary>The key the page keeps for this tab, or null.</summary>
    protected Task<string?> StoredKeyAsync() => Page.EvaluateAsync<string?>($"() => sessionStorage.getItem('{KeyStorage}')");

    /// <summary>
    /// Opens the page at <paramref name="route"/> (a hash route), signs in with the key of "web-{role}" and waits for the
    /// banner. With <paramref name="changes"/>, also until the page's changes stream answered: from then on every change
    /// reaches the page.
    /// </summary>
    protected async Task SignInAsync(string role, string route = "#/", string? changes = null)
    {
        await Page.GotoAsync("/" + route);
        await Field("API key").FillAsync(Api.TokenOf(role));
        var signIn = () => Button("Sign in").ClickAsync();
        if (changes is null) await signIn();
        else await Page.RunAndWaitForResponseAsync(signIn, r => new Uri(r.Url).AbsolutePath == changes && r.Ok);
        await Expect(Page.GetByText($"Signed in as web-{role} ({role})", new() { Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>
    /// Signs in as <paramref name="role"/> on the page of <paramref name="ticket"/> and waits for its heading, the
    /// reference; with <paramref name="watching"/> also for its changes stream.
    /// </summary>
    protected async Task OnTicketPageAsync(string role, (Guid Id, string Reference, string DeviceId) ticket, bool watching = false)
    {
        await SignInAsync(role, $"#/tickets/{ticket.Id}", watching ? $"/api/tickets/{ticket.Id}/changes" : null);
        await Expect(Heading(ticket.Reference)).ToBeVisibleAsync();
    }

    /// <summary>Marks the document, so a test can tell later that what it saw came without a reload.</summary>
    protected Task MarkDocumentAsync() => Page.EvaluateAsync("() => { window.photonSupportTestMark = true; }");

    protected async Task ShouldNotHaveReloadedAsync() =>
        (await Page.EvaluateAsync<bool>("() => window.photonSupportTestMark === true")).ShouldBeTrue("the page was loaded again");
}
