using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PhotonSupport.Api.Auth;
using PhotonSupport.Workers.Auth;
using PhotonSupport.Workers.Tickets;

namespace PhotonSupport.Api.Tests;

public class Authentication(ApiFixture api) : ApiTest(api)
{
    // What the Api had when authentication came: ten guarded endpoints besides /health and the OpenAPI document.
    private const int EndpointsAtLeast = 12;
    private const int GuardedAtLeast = 10;

    // The owner's upload link is its own credential: owners hold no API key.
    private static readonly string[] OpenToAnyone = ["/api/uploads/{token}", "/health", "/health/live", "/health/ready", "/openapi/{documentName}.json"];

    [Fact]
    public async Task Every_endpoint_but_health_the_openapi_document_and_the_owners_upload_link_refuses_anonymous_callers_and_roles_its_policy_leaves_out()
    {
        var endpoints = Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToArray();
        var open = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null).ToArray();
        var guarded = endpoints.Except(open).ToArray();
        var problems = new List<string>();

        foreach (var endpoint in guarded)
        {
            var allowed = await AllowedRolesAsync(endpoint);
            if (allowed is null)
            {
                problems.Add($"{endpoint.DisplayName} names no policy; give it one of {nameof(Policies)}'s.");
                continue;
            }
            var path = SamplePath(endpoint.RoutePattern);
            // Routing answers 415 itself, before any policy, to a body the endpoint does not accept.
            var contentType = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.FirstOrDefault() ?? "application/json";
            foreach (var method in endpoint.Metadata.GetRequiredMetadata<IHttpMethodMetadata>().HttpMethods)
            {
                var anonymous = await SendAsync(Api.Anonymous, method, path, contentType);
                if (anonymous.Status != 401 || anonymous.Type != AuthProblems.UnauthenticatedType || anonymous.Challenge != "Bearer")
                    problems.Add($"{method} {path} anonymously: {anonymous}");
                foreach (var role in Roles.All)
                {
                    var answer = await SendAsync(Api.ClientFor(role), method, path, contentType);
                    var expectForbidden = !allowed.Contains(role);
                    if (expectForbidden ? answer.Status != 403 || answer.Type != AuthProblems.ForbiddenType : answer.Status is 401 or 403)
                        problems.Add($"{method} {path} as {role} ({(expectForbidden ? "expected 403" : "allowed")}): {answer}");
                }
            }
        }

        problems.ShouldBeEmpty();
        open.Select(e => e.RoutePattern.RawText).Order().ShouldBe(OpenToAnyone);
        endpoints.Length.ShouldBeGreaterThanOrEqualTo(EndpointsAtLeast);
        guarded.Length.ShouldBeGreaterThanOrEqualTo(GuardedAtLeast);
    }

    [Theory]
    [InlineData(Policies.Staff, new[] { Roles.Support, Roles.Supervisor, Roles.Admin })]
    [InlineData(Policies.Supervisor, new[] { Roles.Supervisor, Roles.Admin })]
    [InlineData(Policies.Agent, new[] { Roles.Agent })]
    [InlineData(Policies.Admin, new[] { Roles.Admin })]
    public async Task Each_policy_admits_exactly_its_roles(string policy, string[] roles)
    {
        var found = await Api.Services.GetRequiredService<IAuthorizationPolicyProvider>().GetPolicyAsync(policy);

        found!.Requirements.OfType<RolesAuthorizationRequirement>().ShouldHaveSingleItem().AllowedRoles.Order().ShouldBe(roles.Order());
    }

    [Fact]
    public async Task Only_the_hash_of_a_secret_is_stored()
    {
        var (key, token) = await Api.Keys.CreateAsync("stored", Roles.Support, Cancellation);
        var secret = token[$"{ApiKeys.TokenPrefix}{key.Id}_".Length..];

        var row = await RawRowAsync(key.Id);

        row.ShouldNotContain(token);
        row.ShouldNotContain(secret);
        row.ShouldNotContain(Convert.ToBase64String(Base64Url.DecodeFromChars(secret)));
        var stored = JsonNode.Parse(row)!["data"]!["secretSha256"]!.GetValue<string>();
        Convert.FromBase64String(stored).ShouldBe(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    [Fact]
    public async Task A_revoked_key_is_refused_from_the_next_request_on()
    {
        var (key, token) = await Api.Keys.CreateAsync("leaver", Roles.Support, Cancellation);
        using var client = Api.ClientWith(token);
        (await client.GetAsync("/api/tickets", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await Api.Keys.RevokeAsync(key.Id, Cancellation)).ShouldHaveSingleItem().RevokedAt.ShouldNotBeNull();

        var refused = await SendAsync(client, "GET", "/api/tickets");
        refused.Status.ShouldBe(401);
        refused.Type.ShouldBe(AuthProblems.UnauthenticatedType);
        refused.Challenge.ShouldBe("Bearer error=\"invalid_token\"");
    }

    [Fact]
    public async Task A_key_revoked_on_another_node_is_refused_here_once_its_trust_has_run_out()
    {
        var clock = new SettableClock(DateTimeOffset.UtcNow);
        var here = new ApiKeys(Api.Store, clock);
        var elsewhere = new ApiKeys(Api.Store, clock);
        var (key, token) = await here.CreateAsync("leaver", Roles.Support, Cancellation);
        (await here.VerifyAsync(token, Cancellation)).ShouldNotBeNull();

        await elsewhere.RevokeAsync(key.Id, Cancellation);

        (await elsewhere.VerifyAsync(token, Cancellation)).ShouldBeNull();
        clock.Now += ApiKeys.TrustFor - TimeSpan.FromMilliseconds(1);
        (await here.VerifyAsync(token, Cancellation)).ShouldNotBeNull();
        clock.Now += TimeSpan.FromMilliseconds(1);
        (await here.VerifyAsync(token, Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task A_trusted_key_still_refuses_a_wrong_secret()
    {
        var keys = new ApiKeys(Api.Store, TimeProvider.System);
        var (_, token) = await keys.CreateAsync("careful", Roles.Support, Cancellation);
        (await keys.VerifyAsync(token, Cancellation)).ShouldNotBeNull();

        (await keys.VerifyAsync(token[..^2] + (token[^2] == 'A' ? "BB" : "AA"), Cancellation)).ShouldBeNull();
    }

    private sealed class SettableClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("ps_")]
    [InlineData("ps_0123456789ab")]
    [InlineData("ps_0123456789ab_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_malformed_or_unknown_token_is_a_401(string token)
    {
        using var client = Api.ClientWith(token);

        (await SendAsync(client, "GET", "/api/tickets")).Status.ShouldBe(401);
    }

    [Fact]
    public async Task A_token_with_another_secret_for_a_real_key_id_is_a_401()
    {
        var (key, _) = await Api.Keys.CreateAsync("guessed", Roles.Admin, Cancellation);
        using var client = Api.ClientWith($"{ApiKeys.TokenPrefix}{key.Id}_{Base64Url.EncodeToString(new byte[32])}");

        (await SendAsync(client, "GET", "/api/tickets")).Status.ShouldBe(401);
    }

    [Fact]
    public async Task Events_name_the_key_that_caused_them()
    {
        var opened = await ReadAsync(await PostAsync("/api/tickets", PhotonReport(), Api.ClientFor(Roles.Support)), HttpStatusCode.Created);

        var timeline = (await GetAsync($"/api/tickets/{opened["id"]!.GetValue<Guid>()}/events")).AsArray();

        timeline[0]!["type"]!.GetValue<string>().ShouldBe("DeviceReported");
        timeline[0]!["actor"]!.GetValue<string>().ShouldBe($"test-{Roles.Support}");
    }

    [Theory]
    [InlineData(Roles.Support, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Supervisor, HttpStatusCode.Created)]
    [InlineData(Roles.Admin, HttpStatusCode.Created)]
    public async Task Only_a_supervisor_may_waive_the_backup_first_rule(string role, HttpStatusCode expected)
    {
        var id = await OpenAsync();
        var before = await Api.EventCountAsync();

        var answer = await ReadAsync(
            await PostAsync($"/api/tickets/{id}/jobs", new { kind = "RestoreServerKey", waiverReason = "owner consented" }, Api.ClientFor(role)),
            expected);

        if (expected == HttpStatusCode.Forbidden)
        {
            answer["type"]!.GetValue<string>().ShouldBe(AuthProblems.WaiverNeedsSupervisorType);
            (await Api.EventCountAsync()).ShouldBe(before);
        }
        else
        {
            answer["jobId"]!.GetValue<Guid>().ShouldNotBe(Guid.Empty);
        }
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    public async Task Health_and_the_openapi_document_need_no_key(string path) =>
        (await Api.Anonymous.GetAsync(path, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);

    private sealed record Answer(int Status, string? Type, string? Challenge, string? ContentType)
    {
        public override string ToString() => $"{Status} {ContentType} type={Type} WWW-Authenticate={Challenge}";
    }

    /// <summary>Sends an empty body: <c>{}</c> where JSON is expected, no bytes otherwise.</summary>
    private static async Task<Answer> SendAsync(HttpClient client, string method, string path, string contentType = "application/json")
    {
        var body = new ByteArrayContent(contentType.Contains("json") ? "{}"u8.ToArray() : []);
        body.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body };
        // Headers first: a stream (the live changes) never ends, and only a problem's body is read.
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancellation);
        var answered = response.Content.Headers.ContentType?.MediaType;
        var type = answered == "application/problem+json"
            ? JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancellation))?["type"]?.GetValue<string>()
            : null;
        return new Answer((int)response.StatusCode, type, response.Headers.WwwAuthenticate.ToString(), answered);
    }

    /// <summary>The roles every policy the endpoint names admits; null when it names none and rests on the fallback alone.</summary>
    private async Task<HashSet<string>?> AllowedRolesAsync(RouteEndpoint endpoint)
    {
        var named = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Where(a => a.Policy is not null).ToArray();
        if (named.Length == 0) return null;
        var policy = await AuthorizationPolicy.CombineAsync(Api.Services.GetRequiredService<IAuthorizationPolicyProvider>(), named);
        return policy!.Requirements.OfType<RolesAuthorizationRequirement>()
            .Aggregate(Roles.All.ToHashSet(), (roles, requirement) => { roles.IntersectWith(requirement.AllowedRoles); return roles; });
    }

    /// <summary>A path the endpoint's route matches, with a plausible value for each parameter.</summary>
    private static string SamplePath(RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => SampleValue(parameter),
            _ => throw new NotSupportedException($"Route part {part.PartKind} in {pattern.RawText}"),
        }))));

    private static string SampleValue(RoutePatternParameterPart parameter) => parameter switch
    {
        _ when parameter.ParameterPolicies.Any(p => p.Content is "int" or "long") => "1",
        { Name: "deviceId" } => PhotonId,
        { Name: "platform" } => "Photon",
        { Name: "name" } => "tinker",
        // Ids of tickets and jobs, guid-constrained or not.
        _ => Guid.NewGuid().ToString(),
    };

    /// <summary>The key's whole row as PostgreSQL holds it, every column, read past Marten.</summary>
    private async Task<string> RawRowAsync(string keyId)
    {
        await using var connection = new NpgsqlConnection(Api.ConnectionString);
        await connection.OpenAsync(Cancellation);
        await using var select = new NpgsqlCommand($"select row_to_json(k)::text from {TicketStore.Schema}.mt_doc_apikey k where k.id = @id", connection);
        select.Parameters.AddWithValue("id", keyId);
        return (string)(await select.ExecuteScalarAsync(Cancellation))!;
    }
}
