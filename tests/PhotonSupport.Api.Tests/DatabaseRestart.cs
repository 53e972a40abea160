using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PhotonSupport.Testing;
using PhotonSupport.Workers.Auth;

namespace PhotonSupport.Api.Tests;

/// <summary>
/// An Api on a PostgreSQL cluster of its own, which the test stops and starts again as a restart or a failover would:
/// the shared fixture's server must stay up for every other test.
/// </summary>
public class DatabaseRestart(ApiFixture api) : IAsyncLifetime
{
    private PostgresServer _postgres = null!;
    private WebApplication _app = null!;
    private HttpClient _anonymous = null!;
    private HttpClient _supervisor = null!;
    private readonly DirectoryInfo _mailPickup = Directory.CreateTempSubdirectory("photonsupport-restart-mail-");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        if (!_postgres.IsOwn) Assert.Skip($"{PostgresServer.ExternalServerVariable} names a shared server, which this test must not stop.");
        var database = await _postgres.CreateDatabaseAsync("photonsupport_restart");
        _app = await api.StartAnotherAsync(database, $"--PhotonSupport:Mail:PickupFolder={_mailPickup.FullName}");
        var (_, token) = await _app.Services.GetRequiredService<ApiKeys>().CreateAsync("restart-supervisor", Roles.Supervisor, Cancellation);
        _anonymous = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
        _supervisor = new HttpClient { BaseAddress = _anonymous.BaseAddress };
        _supervisor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    [Fact]
    public async Task While_PostgreSQL_is_stopped_the_node_is_live_but_not_ready_and_a_command_gets_503_with_Retry_After_then_all_is_well_when_it_returns()
    {
        await Eventually.UntilAsync("/health/ready to answer 200 before the outage", () => StatusIsAsync("/health/ready", HttpStatusCode.OK));

        await _postgres.StopAsync();

        await Eventually.UntilAsync("/health/ready to answer 503 with PostgreSQL stopped", () => StatusIsAsync("/health/ready", HttpStatusCode.ServiceUnavailable));
        var ready = await _anonymous.GetAsync("/health/ready", Cancellation);
        var readiness = JsonNode.Parse(await ready.Content.ReadAsStringAsync(Cancellation))!;
        readiness["status"]!.GetValue<string>().ShouldBe("unhealthy");
        readiness["checks"]!["database"]!.GetValue<string>().ShouldBe("PostgreSQL does not answer");
        (await _anonymous.GetAsync("/health", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await _anonymous.GetAsync("/health/live", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var refused = await _supervisor.PostAsJsonAsync("/api/tickets", Report, ApiFixture.Json, Cancellation);
        var text = await refused.Content.ReadAsStringAsync(Cancellation);
        refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, text);
        refused.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        JsonNode.Parse(text)!["type"]!.GetValue<string>().ShouldBe("urn:photonsupport:problem:database-unavailable");
        // Npgsql's own words ("Failed to connect to 127.0.0.1:…", "Connection refused") are for the log only.
        text.ShouldNotContain("127.0.0.1");
        text.ShouldNotContain("onnect");
        text.ShouldNotContain("Npgsql");

        await _postgres.StartAgainAsync();

        await Eventually.UntilAsync("/health/ready to answer 200 once PostgreSQL is back", () => StatusIsAsync("/health/ready", HttpStatusCode.OK));
        var opened = await _supervisor.PostAsJsonAsync("/api/tickets", Report, ApiFixture.Json, Cancellation);
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync(Cancellation));
    }

    private static object Report => new
    {
        deviceId = ApiTest.PhotonId, platform = "Photon", ownerEmail = "owner@example.com",
        symptom = "Blinks cyan, then three red blinks.", ledPattern = "cyan-flash-red-3",
    };

    private async Task<bool> StatusIsAsync(string path, HttpStatusCode expected) =>
        (await _anonymous.GetAsync(path, Cancellation)).StatusCode == expected;

    public async ValueTask DisposeAsync()
    {
        _anonymous?.Dispose();
        _supervisor?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        await _postgres.DisposeAsync();
        _mailPickup.Delete(recursive: true);
    }
}
