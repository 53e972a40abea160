using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Testing;

namespace PhotonSupport.Deploy.Tests;

/// <summary>
/// The compose Caddyfile, run by the real caddy, in front of two real Api nodes on one database, as compose runs them:
/// the copy differs from the shipped file only in the certificate's paths, the listen port (a free one for :443) and
/// the upstreams (the nodes' loopback ports for api-1:8080 and api-2:8080); health_uri, lb_policy, flush_interval and
/// the forwarded headers caddy adds are the shipped ones. The nodes believe forwarded headers from caddy's address
/// alone (PhotonSupport:ForwardedHeaders:KnownProxies=127.0.0.1, as compose sets Caddy's fixed address), and the
/// client connects from 127.0.0.2, so the address the Api sees says whose it is.
/// </summary>
public sealed class CaddyInFrontOfTheApi : IAsyncLifetime
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

    [Fact]
    public async Task Through_caddy_over_https_ready_answers_200()
    {
        if (!Caddy.IsInstalled) Assert.Skip("caddy is not installed: deploy/local/deploy-tools.sh ensure-installed");

        using var ready = await ThroughCaddyAsync("/health/ready");

        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        ready.RequestMessage!.RequestUri!.Scheme.ShouldBe("https");
    }

    [Fact]
    public async Task Both_nodes_see_the_clients_own_address_and_https_not_caddys_address_and_http()
    {
        if (!Caddy.IsInstalled) Assert.Skip("caddy is not installed: deploy/local/deploy-tools.sh ensure-installed");
        var seen = new HashSet<string>();

        // Round robin over two nodes: consecutive requests go to both, unless a health check briefly took one out.
        for (var attempt = 0; attempt < 20 && seen.Count < 2; attempt++)
        {
            using var caller = await ThroughCaddyAsync("/test/caller");
            var answer = await caller.Content.ReadAsStringAsync(Cancellation);
            answer.ShouldEndWith(" 127.0.0.2 https");
            seen.Add(answer.Split(' ')[0]);
        }

        seen.Order().ShouldBe(["api-1", "api-2"]);
    }

    [Fact]
    public async Task An_address_the_client_claims_itself_is_not_passed_on_as_its_own()
    {
        if (!Caddy.IsInstalled) Assert.Skip("caddy is not installed: deploy/local/deploy-tools.sh ensure-installed");

        using var caller = await ThroughCaddyAsync("/test/caller", ("X-Forwarded-For", "203.0.113.7"), ("X-Forwarded-Proto", "http"));

        (await caller.Content.ReadAsStringAsync(Cancellation)).ShouldEndWith(" 127.0.0.2 https");
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
    private async Task<HttpResponseMessage> ThroughCaddyAsync(string path, params (string Name, string Value)[] headers)
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
