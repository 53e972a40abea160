using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PhotonSupport.Workers.Auth;

namespace PhotonSupport.Api.Tests;

/// <summary>
/// A second Api beside the shared one, for settings the shared one must not have (a two-second clock, say): on a
/// database of its own and with a mail pickup folder of its own, since its tickets' references start again at PS-1
/// and must not mix with the shared Api's mail. It is spoken to as a supervisor.
/// </summary>
public sealed class OwnApi : IAsyncDisposable
{
    private readonly ApiFixture _fixture;
    private readonly string[] _settings;
    private readonly string _token;
    private readonly DirectoryInfo _mailPickup;

    private OwnApi(ApiFixture fixture, string database, string[] settings, DirectoryInfo mailPickup, WebApplication app, string token)
    {
        (_fixture, Database, _settings, _mailPickup, App, _token) = (fixture, database, settings, mailPickup, app, token);
        Supervisor = ClientOf(app, token);
    }

    /// <summary>The connection string of its database.</summary>
    public string Database { get; }

    public WebApplication App { get; private set; }

    public HttpClient Supervisor { get; private set; }

    public MailPickup Mail => new(_mailPickup.FullName);

    public static async Task<OwnApi> StartAsync(ApiFixture fixture, string databaseName, string keyName, params string[] settings)
    {
        var database = await fixture.CreateDatabaseAsync(databaseName);
        var mailPickup = Directory.CreateTempSubdirectory($"{databaseName}-mail-");
        string[] all = [.. settings, $"--PhotonSupport:Mail:PickupFolder={mailPickup.FullName}"];
        var app = await fixture.StartAnotherAsync(database, all);
        var (_, token) = await app.Services.GetRequiredService<ApiKeys>().CreateAsync(keyName, Roles.Supervisor, TestContext.Current.CancellationToken);
        return new OwnApi(fixture, database, all, mailPickup, app, token);
    }

    /// <summary>Stops the Api, as a shutdown or a crash would; <see cref="StartAgainAsync"/> brings it back.</summary>
    public async Task StopAsync()
    {
        Supervisor.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>Starts the Api again on the same database and settings: what it stored must carry on.</summary>
    public async Task StartAgainAsync()
    {
        App = await _fixture.StartAnotherAsync(Database, _settings);
        Supervisor = ClientOf(App, _token);
    }

    private static HttpClient ClientOf(WebApplication app, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Supervisor.Dispose();
        await App.DisposeAsync();
        _mailPickup.Delete(recursive: true);
    }
}
