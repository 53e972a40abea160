using Microsoft.Playwright;
using PhotonSupport.Workers.Auth;

namespace PhotonSupport.Web.Tests;

public class LiveQueue(SupportApi api, Chromium chromium) : WebTest(api, chromium), IClassFixture<Chromium>
{
    [Fact]
    public async Task A_ticket_opened_through_the_Api_while_the_queue_is_open_appears_in_it_without_reloading()
    {
        await SignInAsync(Roles.Support, "#/", changes: "/api/tickets/changes");
        await Expect(Heading("Queue")).ToBeVisibleAsync();
        await MarkDocumentAsync();

        var (ticket, reference, _) = await Api.OpenTicketAsync();

        var link = Table("Tickets").GetByRole(AriaRole.Link, new() { Name = reference, Exact = true });
        await Expect(link).ToBeVisibleAsync();
        await Expect(link).ToHaveAttributeAsync("href", $"#/tickets/{ticket}");
        await ShouldNotHaveReloadedAsync();
    }
}
