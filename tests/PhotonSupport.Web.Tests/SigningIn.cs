using Microsoft.Playwright;
using PhotonSupport.Workers.Auth;

namespace PhotonSupport.Web.Tests;

public class SigningIn(SupportApi api, Chromium chromium) : WebTest(api, chromium), IClassFixture<Chromium>
{
    [Fact]
    public async Task A_supervisor_signs_in_with_their_key_and_the_banner_names_them_their_role_and_the_pages()
    {
        await SignInAsync(Roles.Supervisor);

        await Expect(Page.GetByText("Signed in as web-supervisor (supervisor)", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(Button("Sign out")).ToBeVisibleAsync();
        foreach (var page in new[] { "Queue", "Agents", "Trends" })
            await Expect(Page.GetByRole(AriaRole.Link, new() { Name = page, Exact = true })).ToBeVisibleAsync();
        await Expect(Heading("Queue")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_wrong_key_is_refused_with_the_401_problems_own_words_in_the_sign_in_form()
    {
        await Page.GotoAsync("/");

        await Field("API key").FillAsync("ps_not-a-key");
        await Button("Sign in").ClickAsync();

        // The detail of the Api's 401 problem for a key it does not know.
        await Expect(FormWith("Sign in").GetByRole(AriaRole.Alert)).ToContainTextAsync("The API key is malformed, unknown or revoked.");
        await Expect(Field("API key")).ToBeVisibleAsync();
        (await StoredKeyAsync()).ShouldBeNull();
    }

    [Fact]
    public async Task Signing_out_returns_to_the_sign_in_form_and_the_key_is_gone_from_session_storage()
    {
        await SignInAsync(Roles.Supervisor);
        (await StoredKeyAsync()).ShouldBe(Api.TokenOf(Roles.Supervisor));

        await Button("Sign out").ClickAsync();

        await Expect(Field("API key")).ToBeVisibleAsync();
        await Expect(Button("Sign in")).ToBeVisibleAsync();
        await Expect(Page.GetByText("Signed in as", new() { Exact = false })).ToHaveCountAsync(0);
        (await StoredKeyAsync()).ShouldBeNull();
        await Page.ReloadAsync();
        await Expect(Field("API key")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_key_never_appears_in_the_pages_address_nor_in_any_address_the_page_asks_for()
    {
        var (ticket, reference, deviceId) = await Api.OpenTicketAsync();
        var token = Api.TokenOf(Roles.Supervisor);
        var asked = new List<string>();
        Page.Request += (_, request) => { lock (asked) asked.Add(request.Url); };
        var addresses = new List<string>();

        await SignInAsync(Roles.Supervisor);
        addresses.Add(Page.Url);
        await Table("Tickets").GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();
        await Expect(Heading(reference)).ToBeVisibleAsync();
        addresses.Add(Page.Url);
        foreach (var (route, heading) in new[] { ($"#/devices/{deviceId}", $"Device {deviceId}"), ("#/agents", "Bench agents"), ("#/trends", "Failure trends") })
        {
            await Page.GotoAsync("/" + route);
            await Expect(Heading(heading)).ToBeVisibleAsync();
            addresses.Add(Page.Url);
        }

        Page.Url.ShouldEndWith("#/trends");
        addresses.ShouldAllBe(address => !address.Contains(token) && !address.Contains(Uri.EscapeDataString(token)));
        lock (asked)
        {
            asked.ShouldContain(url => url.EndsWith($"/api/tickets/{ticket}"));
            asked.ShouldAllBe(url => !url.Contains(token) && !url.Contains(Uri.EscapeDataString(token)));
        }
    }
}
