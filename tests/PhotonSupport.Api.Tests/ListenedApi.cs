using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PhotonSupport.Workers.Auth;

namespace PhotonSupport.Api.Tests;

/// <summary>
/// An Api of its own, on a database of its own, whose log goes to <paramref name="log"/> as well, and a supervisor's
/// client for it: for the tests that read what the Api logs.
/// </summary>
public sealed class ListenedApi(WebApplication app, HttpClient client) : IAsyncDisposable
{
    public HttpClient Client { get; } = client;

    public static async Task<ListenedApi> StartAsync(ApiFixture api, string name, ILoggerProvider log, CancellationToken cancellation)
    {
        var app = api.BuildAnother(await api.CreateDatabaseAsync($"photonsupport_{name}_{Guid.NewGuid():N}"));
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);
        await app.StartAsync(cancellation);
        var (_, token) = await app.Services.GetRequiredService<ApiKeys>().CreateAsync($"{name}-supervisor", Roles.Supervisor, cancellation);
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new ListenedApi(app, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.DisposeAsync();
    }
}
