using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PhotonSupport.Api.Hosting;
using PhotonSupport.BenchAgent.Simulator;
using PhotonSupport.BenchAgent.Timing;
using PhotonSupport.Testing;
using PhotonSupport.Workers.Auth;

namespace PhotonSupport.EndToEnd.Tests;

/// <summary>
/// Two Api nodes on one database, the second its own process: nothing a node holds in memory or on its disk
/// may be what the other needs. The vault is in PostgreSQL, so an image filed through one is served by the other.
/// </summary>
public sealed class TwoApiNodes : IAsyncLifetime
{
    private const string DeviceId = "3c002b000347343339373537";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private PostgresServer? _postgres;
    private WebApplication? _first;
    private ProgramProcess? _second;
    private HttpClient _viaFirst = null!;
    private HttpClient _viaSecond = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        var database = await _postgres.CreateDatabaseAsync("photonsupport_nodes");
        // Both nodes run in Production, which never creates the schema: applied first, as an operator does.
        await SchemaMigrations.ApplyAsync(database);
        string[] settings = [$"--ConnectionStrings:PhotonSupport={database}", .. TestVaultKeys.Settings];

        _first = ApiHost.Build(["--urls=http://127.0.0.1:0", .. settings]);
        await _first.StartAsync();
        var secondUrl = $"http://127.0.0.1:{LocalScript.FreePort()}";
        _second = ProgramProcess.Api([$"--urls={secondUrl}", .. settings]);

        var (_, token) = await _first.Services.GetRequiredService<ApiKeys>().CreateAsync("nodes-supervisor", Roles.Supervisor, Cancellation);
        _viaFirst = Client(_first.Urls.Single(), token);
        _viaSecond = Client(secondUrl, token);
        await ReadyAsync(_viaSecond);
    }

    [Fact]
    public async Task An_image_uploaded_through_one_node_is_served_by_the_other()
    {
        var opened = await _viaFirst.PostAsJsonAsync("/api/tickets", new
        {
            deviceId = DeviceId, platform = "Photon", ownerEmail = "owner@example.com", symptom = "three red blinks", ledPattern = "cyan-flash-red-3",
        }, Cancellation);
        var ticket = (await Json(opened, HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var image = new SimulatedDfuDevice(SimulatedDeviceSpec.Parse($"photon:{DeviceId}:healthy"), new VirtualClock()).Memory(0).Image();

        var uploaded = await _viaFirst.PutAsync($"/api/tickets/{ticket}/backups", new ByteArrayContent(image), Cancellation);
        var backup = (await Json(uploaded, HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var served = await _viaSecond.GetAsync($"/api/backups/{backup}?reason=second+node", Cancellation);

        served.StatusCode.ShouldBe(HttpStatusCode.OK, string.Join(Environment.NewLine, _second!.Output));
        (await served.Content.ReadAsByteArrayAsync(Cancellation)).ShouldBe(image);
    }

    private static HttpClient Client(string url, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task ReadyAsync(HttpClient node)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await node.GetAsync("/health", Cancellation)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(250, Cancellation);
        }
        throw new TimeoutException("the second node never answered /health; it said:" + Environment.NewLine + string.Join(Environment.NewLine, _second!.Output));
    }

    private static async Task<JsonNode> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        response.StatusCode.ShouldBe(expected, text);
        return JsonNode.Parse(text)!;
    }

    public async ValueTask DisposeAsync()
    {
        _viaFirst.Dispose();
        _viaSecond.Dispose();
        if (_second is not null) await _second.DisposeAsync();
        if (_first is not null) await _first.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
    }
}
