using System.Net;
using System.Text.Json.Nodes;

namespace PhotonSupport.Api.Tests;

/// <summary>Refused API keys are limited per client address; good keys and other addresses are not held back.</summary>
public class FailedSignInLimit(ApiFixture api) : IAsyncLifetime
{
    private const int Limit = 3;
    /// <summary>Refused without a database lookup: its key id is not of the length issued.</summary>
    public const string WrongKey = "ps_0000000000000000_not-a-secret-anyone-was-given";

    private OwnApi _api = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _api = await OwnApi.StartAsync(api, "photonsupport_sign_ins", "sign-in-supervisor",
            $"--PhotonSupport:Auth:FailedAttempts:Limit={Limit}", "--PhotonSupport:Auth:FailedAttempts:Window=00:10:00");

    [Fact]
    public async Task The_fourth_refused_key_from_one_address_gets_429_with_Retry_After_while_a_good_key_and_another_address_still_get_in()
    {
        using var wrong = ClientFrom(IPAddress.Loopback, WrongKey);
        for (var i = 0; i < Limit; i++)
            (await wrong.GetAsync("/api/me", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var throttled = await wrong.GetAsync("/api/me", Cancellation);
        var text = await throttled.Content.ReadAsStringAsync(Cancellation);
        throttled.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, text);
        throttled.Headers.RetryAfter!.Delta!.Value.ShouldBeGreaterThan(TimeSpan.Zero);
        throttled.Headers.RetryAfter.Delta.Value.ShouldBeLessThanOrEqualTo(TimeSpan.FromMinutes(10));
        JsonNode.Parse(text)!["type"]!.GetValue<string>().ShouldBe("urn:photonsupport:problem:too-many-failed-sign-ins");

        (await _api.Supervisor.GetAsync("/api/me", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var elsewhere = ClientFrom(IPAddress.Parse("127.0.0.2"), WrongKey);
        (await elsewhere.GetAsync("/api/me", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private HttpClient ClientFrom(IPAddress address, string token) => ClientsFrom.Address(address, _api.Supervisor.BaseAddress!, token);

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();
}
