using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Workers.Hosting;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Testing;
using PhotonSupport.Workers.Auth;
using PhotonSupport.Workers.Backups;

[assembly: AssemblyFixture(typeof(PhotonSupport.Api.Tests.ApiFixture))]
// One database for the whole run, wiped before each test: tests must not interleave.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace PhotonSupport.Api.Tests;

/// <summary>
/// The real Api on Kestrel, on a free loopback port, over a throwaway PostgreSQL cluster.
/// Started once for the test run; every test begins from an empty store holding one key per role.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly DirectoryInfo _mailPickup = Directory.CreateTempSubdirectory("photonsupport-mail-");
    private PostgresServer? _postgres;
    private WebApplication? _app;
    private readonly Dictionary<string, HttpClient> _clients = [];

    /// <summary>Speaks as a supervisor, who may do everything staff can.</summary>
    public HttpClient Http => ClientFor(Roles.Supervisor);

    /// <summary>Sends no credentials at all.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public string ConnectionString { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public Microsoft.Extensions.Hosting.IHost Host => _app!;

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    public ApiKeys Keys => Services.GetRequiredService<ApiKeys>();

    /// <summary>The owners' mail: no SMTP server is configured here, so it lands in a pickup folder.</summary>
    public MailPickup Mail => new(_mailPickup.FullName);

    /// <summary>A client whose requests carry the token of the current key of <paramref name="role"/>, named "test-{role}".</summary>
    public HttpClient ClientFor(string role) => _clients[role];

    public HttpClient ClientWith(string token)
    {
        var client = new HttpClient { BaseAddress = Anonymous.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        ConnectionString = await _postgres.CreateDatabaseAsync("photonsupport_api_tests");
        _app = ApiHost.Build(Settings(ConnectionString));
        await _app.StartAsync();
        Anonymous = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
        await IssueKeysAsync();
    }

    /// <summary>A fresh, empty database on the fixture's PostgreSQL server, for an Api of its own; its connection string.</summary>
    public Task<string> CreateDatabaseAsync(string name) => _postgres!.CreateDatabaseAsync(name);

    /// <summary>
    /// A second Api beside the shared one, on <paramref name="connectionString"/>'s database, with <paramref name="settings"/>
    /// added (a real SMTP server, say). The caller disposes it.
    /// </summary>
    public async Task<WebApplication> StartAnotherAsync(string connectionString, params string[] settings)
    {
        var app = BuildAnother(connectionString, settings);
        await app.StartAsync();
        return app;
    }

    /// <summary>As <see cref="StartAnotherAsync"/>, not started yet: for a test that watches the start itself (its logs, say).</summary>
    public WebApplication BuildAnother(string connectionString, params string[] settings) => ApiHost.Build([.. Settings(connectionString), .. settings]);

    private string[] Settings(string connectionString) =>
    [
        "--urls=http://127.0.0.1:0", $"--ConnectionStrings:PhotonSupport={connectionString}",
        // Wolverine generates and compiles its handler code on first use here, as in Development: a changed handler needs
        // no `codegen write` to be tested (GeneratedCodeIsCurrent says when it is due).
        $"--environment={GeneratedCode.TestingEnvironment}",
        // Two attempts; leases long enough that none runs out by itself during a test: tests that need one to end say so.
        "--PhotonSupport:Jobs:Lease=00:05:00", "--PhotonSupport:Jobs:MaxAttempts=2",
        .. TestVaultKeys.Settings,
        $"--PhotonSupport:Mail:PickupFolder={_mailPickup.FullName}",
        // The suite sends many refused keys from one address; FailedSignIns tests the limit on an Api of its own.
        "--PhotonSupport:Auth:FailedAttempts:Limit=100000",
    ];

    /// <summary>
    /// Wipes documents and events, keys among them; pauses the async daemon meanwhile so it starts again from zero.
    /// Then issues fresh keys, so every test starts signed in.
    /// </summary>
    public async Task ResetAsync()
    {
        // The last test's background work (owners' mail, the relays) may still be writing while everything is wiped:
        // PostgreSQL may then pick the wipe as a deadlock's victim (40P01), and the wipe is simply done again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _app!.ResetAllMartenDataAsync();
                break;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 3)
            {
            }
        }
        // Marten resets its documents and events; the vault's table is ours to empty.
        await using (var session = Store.LightweightSession())
        {
            session.QueueSqlCommand($"delete from {BackupImageTable.Name}");
            await session.SaveChangesAsync();
        }
        await IssueKeysAsync();
    }

    /// <summary>One key per role; the clients keep their instances (and connections) and only change tokens.</summary>
    private async Task IssueKeysAsync()
    {
        foreach (var role in Roles.All)
        {
            var (_, token) = await Keys.CreateAsync($"test-{role}", role);
            if (_clients.TryGetValue(role, out var client))
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            else
                _clients[role] = ClientWith(token);
        }
    }

    /// <summary>Waits until the async daemon has caught up with every event appended so far.</summary>
    public Task ProjectionsCaughtUpAsync() => _app!.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

    /// <summary>
    /// Every event in the store but the records of mail sent to owners: those the outbound mailer appends when its
    /// mail has gone, on its own schedule, so a count taken right after a command may or may not see them yet.
    /// </summary>
    public async Task<int> EventCountAsync()
    {
        await using var session = Store.QuerySession();
        return (await session.Events.QueryAllRawEvents().ToListAsync()).Count(e => e.Data is not OwnerNotified);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values) client.Dispose();
        Anonymous.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
        _mailPickup.Delete(recursive: true);
    }
}
