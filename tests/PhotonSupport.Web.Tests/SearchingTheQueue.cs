using Microsoft.Playwright;
using PhotonSupport.Workers.Auth;

namespace PhotonSupport.Web.Tests;

public class SearchingTheQueue(SupportApi api, Chromium chromium) : WebTest(api, chromium), IClassFixture<Chromium>
{
    [Fact]
    public async Task Searching_for_a_word_only_one_report_holds_lists_that_ticket_with_the_word_marked_and_not_the_other()
    {
        var found = await Api.OpenTicketAsync(symptom: "A swollen capacitor beside the antenna; it stays dark.");
        var other = await Api.OpenTicketAsync(symptom: "A cracked resistor beside the antenna; it stays dark.");
        // Both are in the search index (an async projection) before the page asks: what it leaves out, it left out.
        await Api.SearchWhenAsync("antenna", references => references.Contains(found.Reference) && references.Contains(other.Reference));
        await SignInAsync(Roles.Support);
        await Expect(Heading("Queue")).ToBeVisibleAsync();

        await Field("Search tickets").FillAsync("capacitor");
        await Button("Search").ClickAsync();

        var results = Page.GetByRole(AriaRole.List, new() { Name = "Search results", Exact = true });
        var hit = results.GetByRole(AriaRole.Listitem).Filter(new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = found.Reference, Exact = true }) });
        await Expect(hit.Locator("mark")).ToHaveTextAsync("capacitor");
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = other.Reference, Exact = true })).ToHaveCountAsync(0);
    }
}
