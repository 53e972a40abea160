using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Testing;

namespace PhotonSupport.Api.Tests;

/// <summary>
/// The Api serves HTTPS with the certificate Kestrel's own settings name (Kestrel:Endpoints:Https, in the environment
/// Kestrel__Endpoints__Https__...), and behind a TLS proxy believes forwarded headers only from the proxies it is told.
/// </summary>
public sealed class ServingOverTls(ApiFixture api) : ApiTest(api), IDisposable
{
    private const string PfxPassword = "test-pfx-password";
    private const string Endpoint = "--Kestrel:Endpoints:Https:";

    private readonly string _folder = Directory.CreateTempSubdirectory("photonsupport-tls-").FullName;
    private readonly X509Certificate2 _certificate = SelfSignedCertificate.Create();

    public void Dispose()
    {
        _certificate.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_Api_serves_health_over_https_with_a_PEM_certificate_and_key_from_its_settings()
    {
        await using var app = await Api.StartAnotherAsync(Api.ConnectionString, PemSettings());

        await HealthOverHttpsAsync(app);
    }

    [Fact]
    public async Task The_Api_serves_health_over_https_with_a_password_protected_PFX_from_its_settings()
    {
        var pfx = Path.Combine(_folder, "api.pfx");
        File.WriteAllBytes(pfx, _certificate.Export(X509ContentType.Pfx, PfxPassword));

        await using var app = await Api.StartAnotherAsync(Api.ConnectionString,
            $"{Endpoint}Url=https://127.0.0.1:0", $"{Endpoint}Certificate:Path={pfx}", $"{Endpoint}Certificate:Password={PfxPassword}");

        await HealthOverHttpsAsync(app);
    }

    [Fact]
    public async Task A_client_that_does_not_trust_the_certificate_is_refused_at_the_handshake()
    {
        await using var app = await Api.StartAnotherAsync(Api.ConnectionString, PemSettings());
        using var stranger = new HttpClient();

        var refused = await Should.ThrowAsync<HttpRequestException>(() => stranger.GetAsync($"{HttpsUrl(app)}/health", Cancellation));

        refused.InnerException.ShouldBeOfType<AuthenticationException>();
    }

    [Theory]
    [InlineData("10.9.8.7, 127.0.0.1")]
    [InlineData("127.0.0.0/8")]
    public async Task Behind_a_known_proxy_or_one_in_a_known_network_the_client_address_and_scheme_are_the_forwarded_ones(string knownProxies)
    {
        await using var app = await ProbedApiAsync($"--{ReverseProxy.Setting}={knownProxies}");

        (await ClientAsSeenAsync(app)).ShouldBe("203.0.113.7 https");
    }

    [Theory]
    [InlineData("10.9.8.7")]
    [InlineData("")]
    public async Task Forwarded_headers_from_a_caller_that_is_not_a_known_proxy_or_with_none_configured_are_ignored(string knownProxies)
    {
        await using var app = await ProbedApiAsync($"--{ReverseProxy.Setting}={knownProxies}");

        (await ClientAsSeenAsync(app)).ShouldBe("127.0.0.1 http");
    }

    [Fact]
    public void A_known_proxy_that_is_not_an_address_stops_the_Api_naming_the_setting()
    {
        var refused = Should.Throw<OptionsValidationException>(() => Api.BuildAnother(Api.ConnectionString, $"--{ReverseProxy.Setting}=proxy.internal"));

        refused.Message.ShouldContain("PhotonSupport:ForwardedHeaders:KnownProxies");
        refused.Message.ShouldContain("'proxy.internal'");
    }

    private async Task HealthOverHttpsAsync(WebApplication app)
    {
        var url = HttpsUrl(app);
        using var client = new HttpClient(SelfSignedCertificate.TrustingOnly(_certificate));

        using var response = await client.GetAsync($"{url}/health", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.RequestMessage!.RequestUri!.Scheme.ShouldBe("https");
    }

    /// <summary>An Api with one more endpoint that says who it thinks called and over what: the forwarded headers' effect.</summary>
    private async Task<WebApplication> ProbedApiAsync(params string[] settings)
    {
        var app = Api.BuildAnother(Api.ConnectionString, settings);
        app.MapGet("/test/caller", (HttpContext context) => $"{context.Connection.RemoteIpAddress} {context.Request.Scheme}").AllowAnonymous();
        await app.StartAsync(Cancellation);
        return app;
    }

    private static async Task<string> ClientAsSeenAsync(WebApplication app)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{app.Urls.Single()}/test/caller");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await client.SendAsync(request, Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync(Cancellation);
    }

    private static string HttpsUrl(WebApplication app)
    {
        var url = app.Urls.ShouldHaveSingleItem();
        url.ShouldStartWith("https://127.0.0.1:");
        return url;
    }

    /// <summary>The certificate and its key as PEM files, and the settings that name them.</summary>
    private string[] PemSettings()
    {
        var certificate = Path.Combine(_folder, "api.crt");
        var key = Path.Combine(_folder, "api.key");
        SelfSignedCertificate.WritePem(_certificate, certificate, key);
        return [$"{Endpoint}Url=https://127.0.0.1:0", $"{Endpoint}Certificate:Path={certificate}", $"{Endpoint}Certificate:KeyPath={key}"];
    }
}
