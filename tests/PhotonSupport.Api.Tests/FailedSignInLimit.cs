using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace PhotonSupport.Api.Tests;

/// <summary>Refused API keys are limited per client address; good keys and other addresses are not held back.</summary>
public class FailedSignInLimit(ApiFixture api) : IAsyncLifetime
{
    private const int Limit = 3;
    private const string WrongKey = "ps_0000000000000000_not-a-secret-anyone-was-given";

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
        // All of 127.0.0.0/8 is this machine's loopback: a client bound to 127.0.0.2 is another address to the Api.
        using var elsewhere = ClientFrom(IPAddress.Parse("127.0.0.2"), WrongKey);
        (await elsewhere.GetAsync("/api/me", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    /// <summary>A client whose connections leave from <paramref name="address"/>.</summary>
    private HttpClient ClientFrom(IPAddress address, string token)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellation) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(address, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellation);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = _api.Supervisor.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();
}
