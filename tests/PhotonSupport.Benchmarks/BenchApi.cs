using System.Net.Http.Headers;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Testing;
using PhotonSupport.Workers.Auth;

namespace PhotonSupport.Benchmarks;

/// <summary>
/// The real Api on Kestrel on a free loopback port, built with <see cref="ApiHost.Build"/> as the Api tests do,
/// with real API keys: a supervisor's client for staff calls and an agent's for the bench-agent calls.
/// </summary>
public sealed class BenchApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DirectoryInfo _mailPickup;

    private BenchApi(WebApplication app, DirectoryInfo mailPickup, HttpClient staff, HttpClient agent)
    {
        _app = app;
        _mailPickup = mailPickup;
        Staff = staff;
        Agent = agent;
    }

    public HttpClient Staff { get; }

    public HttpClient Agent { get; }

    /// <summary>The Api's own store: direct appends use the same configuration, projections and connection pool.</summary>
    public IDocumentStore Store => _app.Services.GetRequiredService<IDocumentStore>();

    /// <summary>The Api's services: the async daemon's coordinator and the projections' freshness.</summary>
    public IServiceProvider Services => _app.Services;

    public static async Task<BenchApi> StartAsync(string connectionString)
    {
        var mailPickup = Directory.CreateTempSubdirectory("photonsupport-bench-mail-");
        var app = ApiHost.Build(Settings(connectionString, "http://127.0.0.1:0", mailPickup.FullName));
        await app.StartAsync();
        var keys = app.Services.GetRequiredService<ApiKeys>();
        var (_, staffToken) = await keys.CreateAsync("bench-supervisor", Roles.Supervisor);
        var (_, agentToken) = await keys.CreateAsync("bench-agent", Roles.Agent);
        var url = new Uri(app.Urls.Single());
        return new BenchApi(app, mailPickup, Client(url, staffToken), Client(url, agentToken));
    }

    /// <summary>
    /// The settings of the Api tests (vault key, mail pickup), with leases long enough that no claimed job of the
    /// dispatch scenario runs out and comes back during the run, and logging at warnings only, on stderr.
    /// </summary>
    public static string[] Settings(string connectionString, string url, string mailPickup) =>
    [
        $"--urls={url}", $"--ConnectionStrings:PhotonSupport={connectionString}",
        "--PhotonSupport:Jobs:Lease=01:00:00",
        .. TestVaultKeys.Settings,
        $"--PhotonSupport:Mail:PickupFolder={mailPickup}",
        "--Logging:LogLevel:Default=Warning",
        // Standard output carries the report alone; whatever the host has to say goes to stderr with the progress.
        "--Logging:Console:LogToStandardErrorThreshold=Trace",
    ];

    public static HttpClient Client(Uri baseAddress, string token)
    {
        // No connection limit: every concurrent client (and every open-loop request in flight) gets its own.
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Staff.Dispose();
        Agent.Dispose();
        // Disposing a host does not stop it: stopped first, its outgoing work drains instead of meeting disposed services.
        await _app.StopAsync();
        await _app.DisposeAsync();
        _mailPickup.Delete(recursive: true);
    }
}
