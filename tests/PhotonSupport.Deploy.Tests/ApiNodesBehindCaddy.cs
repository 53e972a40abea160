using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Testing;

namespace PhotonSupport.Deploy.Tests;

/// <summary>Two Api nodes on a fresh database with caddy in front, started once for the tests of <see cref="CaddyInFrontOfTheApi"/>.</summary>
public sealed class ApiNodesBehindCaddy : IAsyncLifetime
{
    private static readonly IPAddress ClientAddress = IPAddress.Parse("127.0.0.2");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private PostgresServer? _postgres;
    private readonly List<WebApplication> _nodes = [];
    private Caddy? _caddy;
    private HttpClient _client = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (!Caddy.IsInstalled) return;
        _postgres = await PostgresServer.StartAsync();
        var database = await _postgres.CreateDatabaseAsync("photonsupport_behind_caddy");
        // Production nodes never create the schema: applied first, as compose's migrations service does.
        await SchemaMigrations.ApplyAsync(database);
        foreach (var name in new[] { "api-1", "api-2" }) _nodes.Add(await NodeAsync(name, database));

        _caddy = new Caddy();
        var port = LocalScript.FreePort();
        _caddy.Start(_caddy.InFrontOf(port, Upstream(_nodes[0]), Upstream(_nodes[1])));
        var handler = SelfSignedCertificate.TrustingOnly(_caddy.Certificate);
        handler.ConnectCallback = LoopbackClient.ConnectFrom(ClientAddress);
        _client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}") };
    }

    /// <summary>
    /// A production Api node with one more endpoint that says which node answered and who it thinks called over what
    /// (the forwarded headers' effect: nothing in the product shows the request's scheme).
    /// </summary>
    private static async Task<WebApplication> NodeAsync(string name, string database)
    {
        var node = ApiHost.Build([
            "--urls=http://127.0.0.1:0", $"--ConnectionStrings:PhotonSupport={database}", .. TestVaultKeys.Settings,
            $"--{ReverseProxy.Setting}=127.0.0.1",
        ]);
        node.MapGet("/test/caller", (HttpContext context) => $"{name} {context.Connection.RemoteIpAddress} {context.Request.Scheme}").AllowAnonymous();
        await node.StartAsync(Cancellation);
        return node;
    }

    private static string Upstream(WebApplication node) => new Uri(node.Urls.Single()).Authority;

    /// <summary>The request through caddy; caddy may still be starting, so connection failures are retried within the patience.</summary>
    public async Task<HttpResponseMessage> ThroughCaddyAsync(string path, params (string Name, string Value)[] headers)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            foreach (var (name, value) in headers) request.Headers.Add(name, value);
            try
            {
                var response = await _client.SendAsync(request, Cancellation);
                // 502: caddy is up but has not yet seen a node answer its health check.
                if (response.StatusCode != HttpStatusCode.BadGateway) return response;
                response.Dispose();
            }
            catch (HttpRequestException) when (!_caddy!.HasExited)
            {
                // Not listening yet.
            }
            if (_caddy!.HasExited || DateTime.UtcNow > deadline)
                throw new TimeoutException($"caddy did not answer {path}; it said:{Environment.NewLine}{string.Join(Environment.NewLine, _caddy.Output)}");
            await Task.Delay(250, Cancellation);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_caddy is not null) await _caddy.DisposeAsync();
        foreach (var node in _nodes) await node.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
    }
}
