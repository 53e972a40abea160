using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PhotonSupport.Api.Auth;
using PhotonSupport.Workers.Auth;

namespace PhotonSupport.Api.Tests;

/// <summary>
/// Every endpoint the Api maps (read from its routing, so a new one is covered without touching this file) gets
/// bodies and queries no client should send, as a caller its policy admits. None may answer 500, and every 4xx
/// is a problem document with a type.
/// </summary>
public class BadInputCorpus(ApiFixture api) : ApiTest(api)
{
    private static readonly string[] Bodies =
    [
        "", "null", "[]", "\"text\"", "{}", "42", "true", "{", "{\"a\":", "\u0000",
        new string('[', 5000) + new string(']', 5000),
        string.Concat(Enumerable.Repeat("{\"a\":", 2000)) + "1" + new string('}', 2000),
    ];

    private static readonly string[] Queries =
    [
        "page=99999999999", "page=2147483647", "page=-1", "page=0", "pageSize=99999999999", "pageSize=-5",
        "asOf=garbage", "asOf=2026-11-29T10:00:00+01:00", "asOf=2026-11-29T10:00:00%2B01:00", "asOf=99999-01-01", "asOf=0001-01-01T00:00:00-14:00",
        "version=99999999999", "version=9223372036854775807", "version=-1",
        "status=nonsense", "platform=%00", "deviceId=%00", "ownerEmail=%00", "waitSeconds=-1", "waitSeconds=99999999999",
        "after=-1", "after=abc", "after=99999999999999999999", "fileName=%00",
    ];

    private sealed record Route(string Method, string Template, string Path, HttpClient Caller, Type? Body, bool RawBytes);

    [Fact]
    public async Task No_endpoint_answers_500_to_bad_bodies_or_queries_and_every_refusal_is_a_typed_problem()
    {
        var routes = await RoutesAsync();
        routes.Count.ShouldBeGreaterThan(20);
        var failures = new List<string>();

        foreach (var route in routes)
        {
            foreach (var query in Queries)
                await ExpectNoServerErrorAsync(route, $"{route.Path}?{query}", route.Method == "GET" ? null : Json("{}"), failures);
            if (route.Method == "GET") continue;

            foreach (var body in Bodies.Concat(WrongFields(route.Body)))
                await ExpectNoServerErrorAsync(route, route.Path, Json(body), failures);
            foreach (var (body, field) in UnprintableFields(route.Body))
                await ExpectRefusalNamingAsync(route, Json(body), field, failures);
            await ExpectNoServerErrorAsync(route, route.Path, null, failures);
            await ExpectNoServerErrorAsync(route, route.Path, new StringContent("hello", Encoding.UTF8, "text/plain"), failures);
            await ExpectNoServerErrorAsync(route, route.Path, new StringContent("<a/>", Encoding.UTF8, "application/xml"), failures);
            if (route.RawBytes) await ExpectNoServerErrorAsync(route, route.Path, Bytes([]), failures);
        }

        failures.ShouldBeEmpty(string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    public async Task An_empty_or_null_body_is_a_400_naming_the_body(string body)
    {
        var ticket = await OpenAsync();

        var response = await Api.Http.PostAsync($"/api/tickets/{ticket}/notes", Json(body), Cancellation);

        var problem = await ReadAsync(response, HttpStatusCode.BadRequest);
        problem["type"]!.GetValue<string>().ShouldBe("urn:photonsupport:problem:validation");
        problem["errors"]!["body"].ShouldNotBeNull();
        problem.ToJsonString().ShouldNotContain("Service");
    }

    [Fact]
    public async Task A_nul_in_a_note_is_a_400_naming_the_text_and_nothing_is_appended()
    {
        var ticket = await OpenAsync();
        var before = await TimelineTypesAsync(ticket);

        var response = await Api.Http.PostAsync($"/api/tickets/{ticket}/notes", Json("""{"text":"owner says\u0000hi"}"""), Cancellation);

        (await ReadAsync(response, HttpStatusCode.BadRequest))["errors"]!["text"].ShouldNotBeNull();
        (await TimelineTypesAsync(ticket)).ShouldBe(before);
    }

    /// <summary>DEL and the C1 controls may stand in JSON text unescaped, as their UTF-8 bytes (0x7F; 0xC2 0x85 for NEL).</summary>
    [Theory]
    [InlineData("owner says\u007Fhi")]
    [InlineData("owner says\u0085hi")]
    public async Task An_unescaped_control_character_in_a_note_is_a_400_naming_the_text(string text)
    {
        var ticket = await OpenAsync();
        var raw = new StringContent($"{{\"text\":\"{text}\"}}", System.Text.Encoding.UTF8, "application/json");

        var response = await Api.Http.PostAsync($"/api/tickets/{ticket}/notes", raw, Cancellation);

        (await ReadAsync(response, HttpStatusCode.BadRequest))["errors"]!["text"].ShouldNotBeNull();
    }

    [Fact]
    public async Task An_escaped_control_character_deep_in_an_array_is_named_by_its_path()
    {
        var body = Json("""{"devices":[{"deviceId":"3c002b000347343339373536","platform":"Photon"},{"deviceId":"3c002b00034734333937353\u0007","platform":"Photon"}]}""");

        var response = await Api.ClientFor(Roles.Agent).PostAsync("/api/agents/claims?waitSeconds=0", body, Cancellation);

        (await ReadAsync(response, HttpStatusCode.BadRequest))["errors"]!["devices[1].deviceId"].ShouldNotBeNull();
    }

    [Fact]
    public async Task A_note_with_tabs_and_line_breaks_is_taken()
    {
        var ticket = await OpenAsync();

        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/notes", new { text = "line one\r\n\tline two" }), HttpStatusCode.OK);

        (await TimelineTypesAsync(ticket)).ShouldContain("NoteAdded");
    }

    [Fact]
    public async Task AsOf_with_an_encoded_offset_reads_the_ticket_at_that_moment()
    {
        var ticket = await OpenAsync();
        var now = Api.Services.GetRequiredService<TimeProvider>().GetUtcNow();

        var later = await GetAsync($"/api/tickets/{ticket}?asOf={Uri.EscapeDataString(now.AddHours(1).ToOffset(TimeSpan.FromHours(1)).ToString("O"))}");
        var earlier = await GetAsync($"/api/tickets/{ticket}?asOf={Uri.EscapeDataString(now.AddHours(-1).ToOffset(TimeSpan.FromHours(1)).ToString("O"))}",
            HttpStatusCode.NotFound);

        later["id"]!.GetValue<Guid>().ShouldBe(ticket);
        earlier["type"]!.GetValue<string>().ShouldBe("urn:photonsupport:problem:not-found");
    }

    [Fact]
    public async Task AsOf_with_an_unencoded_plus_is_a_400_that_says_to_encode_it()
    {
        var ticket = await OpenAsync();

        var problem = await GetAsync($"/api/tickets/{ticket}?asOf=2026-11-29T10:00:00+01:00", HttpStatusCode.BadRequest);

        Strings(problem["errors"]!["asOf"]).ShouldHaveSingleItem().ShouldContain("%2B");
    }

    [Theory]
    [InlineData("99999999999")]
    [InlineData("2147483647")]
    public async Task A_page_number_past_any_page_is_a_400_naming_the_page(string page) =>
        (await GetAsync($"/api/tickets?page={page}", HttpStatusCode.BadRequest))["errors"]!["page"].ShouldNotBeNull();

    private async Task ExpectNoServerErrorAsync(Route route, string path, HttpContent? content, List<string> failures)
    {
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), path) { Content = content };
        // Streams (the live changes) answer 200 and keep going: their headers are all this needs.
        using var response = await route.Caller.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancellation);
        var sent = content is null ? "(no body)" : Shorten(await content.ReadAsStringAsync(Cancellation));
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            failures.Add($"{route.Method} {path} {sent} -> {status}: {Shorten(await response.Content.ReadAsStringAsync(Cancellation))}");
            return;
        }
        if (status < 400) return;
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json" || !HasType(text))
            failures.Add($"{route.Method} {path} {sent} -> {status} without a typed problem: {Shorten(text)}");
    }

    private async Task ExpectRefusalNamingAsync(Route route, HttpContent content, string field, List<string> failures)
    {
        using var response = await route.Caller.PostAsync(route.Path, content, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        if (response.StatusCode != HttpStatusCode.BadRequest || !text.Contains($"\"{field}\":"))
            failures.Add($"{route.Method} {route.Path} {Shorten(await content.ReadAsStringAsync(Cancellation))} -> {(int)response.StatusCode}, not a 400 naming '{field}': {Shorten(text)}");
    }

    private static bool HasType(string text)
    {
        try
        {
            using var problem = JsonDocument.Parse(text);
            return problem.RootElement.TryGetProperty("type", out var type) && type.GetString() is { Length: > 0 };
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>For each field of the body: a huge string, and values of the wrong type or out of any range.</summary>
    private static IEnumerable<string> WrongFields(Type? body) =>
        from field in Fields(body)
        from bad in new object[] { new string('x', 1_000_000), "", 12, true, new[] { 1 }, new { a = 1 }, -1, 99999999999999, 1e300 }
        select BodyWith(body!, field, bad);

    /// <summary>For each field of the body: text that is not plain (a NUL, a bell, an escape sequence, a lone surrogate), and the field's name.</summary>
    private static IEnumerable<(string Body, string Field)> UnprintableFields(Type? body) =>
        from field in Fields(body)
        // As JSON text: a lone surrogate can't be a .NET string that serializes as itself.
        from bad in new[] { @"a\u0000b", @"bell\u0007", @"\u001b[31mred", @"\ud800" }
        select (BodyWith(body!, field, Marker).Replace(Marker, bad), field);

    private const string Marker = "(the bad text)";

    private static IEnumerable<string> Fields(Type? body) =>
        body?.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)) ?? [];

    /// <summary>The other fields are left out (null), so the field under test is the one that is wrong.</summary>
    private static string BodyWith(Type body, string field, object bad) =>
        JsonSerializer.Serialize(Fields(body).ToDictionary(f => f, f => f == field ? bad : null));

    /// <summary>Every mapped route with real ids in its template, and the client of a role its policy admits.</summary>
    private async Task<List<Route>> RoutesAsync()
    {
        var ticket = await OpenAsync();
        var job = (await ReadAsync(await PostAsync($"/api/tickets/{ticket}/jobs", new { kind = "Backup" }), HttpStatusCode.Created))["jobId"]!.GetValue<Guid>();
        var claim = (await ReadAsync(await PostAsync("/api/agents/claims?waitSeconds=0",
            new { devices = new[] { new { deviceId = PhotonId, platform = "Photon" } } }, Api.ClientFor(Roles.Agent)), HttpStatusCode.OK))["claimId"]!.GetValue<Guid>();
        var backup = await GivenBackupOnFileAsync(await OpenAsync(PhotonReport(deviceId: AnotherPhoton(7))));

        var values = new Dictionary<string, string>
        {
            ["ticketId"] = ticket.ToString(), ["jobId"] = job.ToString(), ["claimId"] = claim.ToString(), ["platform"] = "Photon", ["name"] = "tinker.bin",
            ["deviceId"] = PhotonId, ["token"] = "not-a-link", ["documentName"] = "v1",
        };
        return Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method =>
            {
                var template = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
                var path = endpoint.RoutePattern.Parameters.Aggregate(template, (p, parameter) =>
                {
                    var value = parameter.Name == "id" ? (template.StartsWith("/api/backups") ? backup : ticket).ToString() : values[parameter.Name];
                    return System.Text.RegularExpressions.Regex.Replace(p, $"{{{parameter.Name}(:[^}}]*)?}}", value);
                });
                var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>();
                return new Route(method, template, path, CallerFor(endpoint), accepts?.RequestType is { } t && t != typeof(byte[]) ? t : null,
                    accepts?.ContentTypes.Contains("application/octet-stream") == true);
            }))
            .ToList();
    }

    private HttpClient CallerFor(Endpoint endpoint)
    {
        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToArray();
        if (policies.Contains(Policies.Agent)) return Api.ClientFor(Roles.Agent);
        if (policies.Contains(Policies.Admin)) return Api.ClientFor(Roles.Admin);
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) return Api.Anonymous;
        return Api.Http;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static ByteArrayContent Bytes(byte[] body) =>
        new(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } };

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
