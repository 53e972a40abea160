using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Testing;

[assembly: AssemblyFixture(typeof(PhotonSupport.Api.Tests.ApiFixture))]
// One database for the whole run, wiped before each test: tests must not interleave.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace PhotonSupport.Api.Tests;

/// <summary>
/// The real Api on Kestrel, on a free loopback port, over a throwaway PostgreSQL cluster.
/// Started once for the test run; every test begins from an empty store.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private PostgresServer? _postgres;
    private WebApplication? _app;

    public HttpClient Http { get; private set; } = null!;

    public IDocumentStore Store => _app!.Services.GetRequiredService<IDocumentStore>();

    public async ValueTask InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        var database = await _postgres.CreateDatabaseAsync("photonsupport_api_tests");
        _app = ApiHost.Build(["--urls=http://127.0.0.1:0", $"--ConnectionStrings:PhotonSupport={database}"]);
        await _app.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    /// <summary>Wipes documents and events; pauses the async daemon meanwhile so it starts again from zero.</summary>
    public Task ResetAsync() => _app!.ResetAllMartenDataAsync();

    /// <summary>Waits until the async daemon has caught up with every event appended so far.</summary>
    public Task ProjectionsCaughtUpAsync() => _app!.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

    public async Task<int> EventCountAsync()
    {
        await using var session = Store.QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
    }
}
