using System.Net;

namespace PhotonSupport.Deploy.Tests;

/// <summary>
/// The compose Caddyfile, run by the real caddy, in front of two real Api nodes on one database, as compose runs them:
/// the copy differs from the shipped file only in the certificate's paths, the listen port (a free one for :443) and
/// the upstreams (the nodes' loopback ports for api-1:8080 and api-2:8080); health_uri, lb_policy, flush_interval and
/// the forwarded headers caddy adds are the shipped ones. The nodes believe forwarded headers from caddy's address
/// alone (PhotonSupport:ForwardedHeaders:KnownProxies=127.0.0.1, as compose sets Caddy's fixed address), and the
/// client connects from 127.0.0.2, so the address the Api sees says whose it is.
/// </summary>
public sealed class CaddyInFrontOfTheApi(ApiNodesBehindCaddy setup) : IClassFixture<ApiNodesBehindCaddy>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

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

    private Task<HttpResponseMessage> ThroughCaddyAsync(string path, params (string Name, string Value)[] headers) => setup.ThroughCaddyAsync(path, headers);
}
