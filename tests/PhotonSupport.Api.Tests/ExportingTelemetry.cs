using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PhotonSupport.Workers.Auth;

namespace PhotonSupport.Api.Tests;

/// <summary>
/// With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, an Api exports traces, metrics and logs over OTLP/HTTP. The receiver here
/// is a plain HTTP endpoint on loopback that keeps what it is sent; the checks look for the strings OTLP's protobuf carries
/// (instrumentation scopes, metric names, log attributes) by the names the OpenTelemetry conventions, the libraries and
/// README's metrics table give: <c>Microsoft.AspNetCore</c>, <c>Npgsql</c>, <c>Wolverine</c>, <c>Marten</c>,
/// <c>http.server.request.duration</c>, <c>photonsupport.tickets</c>.
/// </summary>
public sealed class ExportingTelemetry(ApiFixture api) : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<byte[]>> _received = new();
    private WebApplication _collector = null!;
    private WebApplication _api = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var collector = WebApplication.CreateSlimBuilder();
        collector.WebHost.UseUrls("http://127.0.0.1:0");
        _collector = collector.Build();
        _collector.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            _received.GetOrAdd(signal, _ => new ConcurrentQueue<byte[]>()).Enqueue(body.ToArray());
            return Results.Ok();
        });
        await _collector.StartAsync(Cancellation);

        _api = await api.StartAnotherAsync(await api.CreateDatabaseAsync($"photonsupport_otlp_{Guid.NewGuid():N}"),
            $"--OTEL_EXPORTER_OTLP_ENDPOINT={_collector.Urls.Single()}",
            "--OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
            "--OTEL_SERVICE_NAME=photonsupport-api-under-test",
            // Exports every half second instead of every minute (metrics) and every five seconds (spans).
            "--OTEL_METRIC_EXPORT_INTERVAL=500", "--OTEL_BSP_SCHEDULE_DELAY=500", "--OTEL_BLRP_SCHEDULE_DELAY=500");
    }

    [Fact]
    public async Task A_ticket_opened_is_exported_as_spans_of_the_request_the_database_Wolverine_and_Marten_metrics_and_logs_under_the_ticket()
    {
        var (_, token) = await _api.Services.GetRequiredService<ApiKeys>().CreateAsync("otlp-supervisor", Roles.Supervisor, Cancellation);
        using var client = new HttpClient { BaseAddress = new Uri(_api.Urls.Single()) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var opened = await client.PostAsJsonAsync("/api/tickets", new
        {
            deviceId = "3a0028000c47343432313031", platform = "Photon", ownerEmail = "owner@example.com",
            symptom = "Blinks cyan, then three red flashes", ledPattern = "cyan-flash-red-3",
        }, Cancellation);
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync(Cancellation));
        var ticket = (await opened.Content.ReadFromJsonAsync<Opened>(Cancellation))!.Id.ToString();
        (await client.GetAsync($"/api/tickets/{ticket}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await Eventually.UntilAsync("spans of ASP.NET Core, Npgsql, Wolverine and Marten", () =>
            Task.FromResult(Received("traces", "Microsoft.AspNetCore", "Npgsql", "Wolverine", "Marten", "photonsupport-api-under-test")), Missing("traces"));
        await Eventually.UntilAsync("the operators' metrics and ASP.NET Core's", () =>
            Task.FromResult(Received("metrics", "photonsupport.tickets", "photonsupport.jobs.in_flight", "http.server.request.duration")), Missing("metrics"));
        await Eventually.UntilAsync("a log record with the ticket in its attributes", () =>
            Task.FromResult(Received("logs", "TicketId", ticket)), Missing("logs"));
    }

    /// <summary>
    /// True when the exports of <paramref name="signal"/> so far carry each of <paramref name="texts"/> as a whole protobuf
    /// string: an instrumentation scope's name, a metric's name, an attribute's key and a string value are each field 1
    /// of their message, so each is the byte 0x0A, its length (one byte below 128) and its UTF-8 text.
    /// </summary>
    private bool Received(string signal, params string[] texts)
    {
        var all = Text(signal);
        return texts.All(text => all.Contains($"\n{(char)text.Length}{text}", StringComparison.Ordinal));
    }

    private string Text(string signal) =>
        _received.TryGetValue(signal, out var bodies) ? string.Concat(bodies.Select(b => Encoding.Latin1.GetString(b))) : "";

    private Func<string> Missing(string signal) => () =>
        $"{(_received.TryGetValue(signal, out var bodies) ? bodies.Count : 0)} {signal} exports received";

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        await _collector.DisposeAsync();
    }

    private sealed record Opened(Guid Id);
}
