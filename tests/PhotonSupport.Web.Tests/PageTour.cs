using Microsoft.Playwright;
using PhotonSupport.Workers.Auth;

namespace PhotonSupport.Web.Tests;

public class PageTour(SupportApi api, Chromium chromium) : WebTest(api, chromium), IClassFixture<Chromium>
{
    [Fact]
    public async Task Every_page_shows_its_heading_and_its_table_at_1280_by_800_and_a_screenshot_of_it_is_written()
    {
        var (ticket, reference, deviceId) = await Api.OpenTicketAsync();
        await SimulatedBench.BackupOnTheBenchAsync(Api, ticket, deviceId);
        await SignInAsync(Roles.Supervisor);

        var pages = new (string Name, string Route, string Heading, string Table)[]
        {
            ("queue", "#/", "Queue", "Tickets"),
            ("device", $"#/devices/{deviceId}", $"Device {deviceId}", "History"),
            ("agents", "#/agents", "Bench agents", "Agents"),
            ("trends", "#/trends", "Failure trends", "Failures"),
        };
        foreach (var (name, route, heading, table) in pages)
        {
            await Page.GotoAsync("/" + route);
            await Expect(Heading(heading)).ToBeVisibleAsync();
            await Expect(Table(table)).ToBeVisibleAsync();
            File.Exists(await Screenshots.TakeAsync(Page, name)).ShouldBeTrue();
        }

        await Page.GotoAsync("/#/trends");
        await Expect(Page.GetByRole(AriaRole.Img, new() { Name = "Tickets per LED pattern", Exact = true })).ToBeVisibleAsync();
        await Page.GotoAsync("/#/agents");
        await Expect(Table("Agents")).ToContainTextAsync("web-agent");
    }
}
