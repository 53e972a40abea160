using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PhotonSupport.Workers.Auth;

namespace PhotonSupport.Web.Tests;

/// <summary>
/// The page is for people who work it all day, some with a keyboard or a screen reader: every page passes axe-core's
/// WCAG 2.1 A and AA rules (labels, names, contrast, landmarks), and the sign-in works from the keyboard alone.
/// </summary>
public class Accessibility(SupportApi api, Chromium chromium) : WebTest(api, chromium), IClassFixture<Chromium>
{
    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [Fact]
    public async Task Every_page_passes_the_WCAG_A_and_AA_rules_of_axe_core()
    {
        var ticket = await Api.OpenTicketAsync();
        await SimulatedBench.BackupOnTheBenchAsync(Api, ticket.Id, ticket.DeviceId);
        await OnTicketPageAsync(Roles.Supervisor, ticket);
        await Expect(Table("Backups")).ToBeVisibleAsync();

        var pages = new (string Route, string Heading)[]
        {
            ($"#/tickets/{ticket.Id}", ticket.Reference), ("#/", "Queue"), ($"#/devices/{ticket.DeviceId}", $"Device {ticket.DeviceId}"),
            ("#/agents", "Bench agents"), ("#/trends", "Failure trends"),
        };
        var violations = new List<string>();
        foreach (var (route, heading) in pages)
        {
            await Page.GotoAsync("/" + route);
            await Expect(Heading(heading)).ToBeVisibleAsync();
            var result = await Page.RunAxe(WcagAa);
            result.Passes.ShouldNotBeEmpty($"axe-core checked nothing on {route}");
            violations.AddRange(result.Violations.Select(v =>
                $"{route}: {v.Id} ({v.Impact}) at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}"));
        }

        violations.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_sign_in_form_passes_axe_core_and_works_from_the_keyboard_alone()
    {
        await Page.GotoAsync("/");
        await Expect(Field("API key")).ToBeVisibleAsync();
        (await Page.RunAxe(WcagAa)).Violations.Select(v => v.Id).ShouldBeEmpty();

        // The field has the focus on arrival; Tab goes on to its button and back.
        await Expect(Field("API key")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Button("Sign in")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Shift+Tab");
        await Expect(Field("API key")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(Api.TokenOf(Roles.Support));
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.GetByText("Signed in as web-support (support)", new() { Exact = true })).ToBeVisibleAsync();
    }
}
