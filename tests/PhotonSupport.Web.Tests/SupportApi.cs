using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Testing;
using PhotonSupport.Workers.Auth;

[assembly: AssemblyFixture(typeof(PhotonSupport.Web.Tests.SupportApi))]
// One Api and one browser at a time: a loaded 2-core machine runs chromium, the Api and PostgreSQL side by side.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace PhotonSupport.Web.Tests;

/// <summary>
/// The real Api on Kestrel, on a free loopback port, over a throwaway PostgreSQL cluster, serving the support page.
/// Started once for the run; the store is never wiped, so every test opens tickets for devices of its own.
/// </summary>
public sealed class SupportApi : IAsyncLifetime
{
    private readonly DirectoryInfo _mailPickup = Directory.CreateTempSubdirectory("photonsupport-web-mail-");
    private readonly Dictionary<string, string> _tokens = [];
    private PostgresServer? _postgres;
    private WebApplication? _app;
    private int _devices;

    /// <summary>Where the page is served: <c>http://127.0.0.1:port/</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Speaks to the Api as a supervisor, to arrange what a test starts from.</summary>
    public HttpClient Supervisor { get; private set; } = null!;

    /// <summary>The token of the key named "web-{role}" (support, supervisor, agent): what a person pastes into the page.</summary>
    public string TokenOf(string role) => _tokens[role];

    public async ValueTask InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        var database = await _postgres.CreateDatabaseAsync("photonsupport_web_tests");
        // The Api runs in Production, which never creates the schema: applied first, as an operator does.
        await SchemaMigrations.ApplyAsync(database);
        _app = ApiHost.Build(
        [
            "--urls=http://127.0.0.1:0", $"--ConnectionStrings:PhotonSupport={database}",
            // Leases long enough that none runs out by itself while a test holds the bench's upload.
            "--PhotonSupport:Jobs:Lease=00:05:00",
            .. TestVaultKeys.Settings,
            $"--PhotonSupport:Mail:PickupFolder={_mailPickup.FullName}",
        ]);
        await _app.StartAsync();
        Address = new Uri(_app.Urls.Single() + "/");
        var keys = _app.Services.GetRequiredService<ApiKeys>();
        foreach (var role in new[] { Roles.Support, Roles.Supervisor, Roles.Agent })
            _tokens[role] = (await keys.CreateAsync($"web-{role}", role)).Token;
        Supervisor = new HttpClient { BaseAddress = Address };
        Supervisor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenOf(Roles.Supervisor));
    }

    /// <summary>A Photon device id no other test has used: one open case per device.</summary>
    public string NewDeviceId() => $"3c{Interlocked.Increment(ref _devices):x22}";

    /// <summary>
    /// Opens a ticket through the Api, for a device of its own whose LED pattern gives no plan, with the owner's
    /// <paramref name="symptom"/> (a battery story when not given); its id and reference.
    /// </summary>
    public async Task<(Guid Id, string Reference, string DeviceId)> OpenTicketAsync(string? deviceId = null, string? symptom = null)
    {
        deviceId ??= NewDeviceId();
        var response = await Supervisor.PostAsJsonAsync("/api/tickets", new
        {
            deviceId, platform = "Photon", ownerEmail = "owner@example.com",
            symptom = symptom ?? "Ran out of battery; after an update it blinks cyan, then three red blinks.", ledPattern = "other",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var opened = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (opened["id"]!.GetValue<Guid>(), opened["reference"]!.GetValue<string>(), deviceId);
    }

    /// <summary>Sends a supervisor's command about a ticket (<c>/api/tickets/{id}/{command}</c>) and expects it accepted.</summary>
    public async Task PostAsync(Guid id, string command, object body)
    {
        var response = await Supervisor.PostAsJsonAsync($"/api/tickets/{id}/{command}", body);
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The ticket as the Api tells it now.</summary>
    public async Task<JsonObject> TicketAsync(Guid id) => (await Supervisor.GetFromJsonAsync<JsonObject>($"/api/tickets/{id}"))!;

    /// <summary>
    /// The ticket as the Api tells it, once <paramref name="done"/> holds: polled, with a ceiling, for work the
    /// Api and a bench do in the background.
    /// </summary>
    public Task<JsonObject> TicketWhenAsync(Guid id, Func<JsonObject, bool> done, Func<string>? explain = null) =>
        WhenAsync(() => TicketAsync(id), done, "the ticket", explain);

    /// <summary>
    /// The references <c>GET /api/search?q=</c> answers once <paramref name="done"/> holds: the search index is an
    /// async projection, so a ticket just opened is found a moment later.
    /// </summary>
    public async Task SearchWhenAsync(string q, Func<IReadOnlyList<string>, bool> done) =>
        await WhenAsync(async () => (await Supervisor.GetFromJsonAsync<JsonObject>($"/api/search?q={Uri.EscapeDataString(q)}"))!,
            found => done([.. found["hits"]!.AsArray().Select(h => h!["reference"]!.GetValue<string>())]), $"the search for '{q}'");

    private static async Task<JsonObject> WhenAsync(Func<Task<JsonObject>> read, Func<JsonObject, bool> done, string what, Func<string>? explain = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var answer = await read();
            if (done(answer)) return answer;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what} never got there: {answer.ToJsonString()}{Environment.NewLine}{explain?.Invoke()}");
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Supervisor?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
        _mailPickup.Delete(recursive: true);
    }
}
