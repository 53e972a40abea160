using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;

namespace PhotonSupport.Api.Tests;

/// <summary>What the Api writes to its log, read by an operator: a refused request is one short line, the start says little.</summary>
public class OperatorLogs(ApiFixture api) : ApiTest(api), IAsyncLifetime
{
    private const string OwnerEmail = "alice.owner@example.com";

    private readonly CapturedLog _log = new();
    private ListenedApi? _api;

    private HttpClient Client => _api!.Client;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _api = await ListenedApi.StartAsync(Api, "logs", _log, Cancellation);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_api is not null) await _api.DisposeAsync();
        await base.DisposeAsync();
    }

    private CapturedLog.Entry[] Since(int mark) => _log.Entries.Skip(mark).ToArray();

    private CapturedLog.Entry[] Refusals(CapturedLog.Entry[] entries) => entries.Where(e => e.Text.StartsWith("Refused ")).ToArray();

    [Fact]
    public async Task A_refused_report_is_one_line_naming_the_fields_without_the_owners_address()
    {
        var mark = _log.Entries.Count;

        var response = await Client.PostAsJsonAsync("/api/tickets",
            new { deviceId = "123", platform = "Photon", ownerEmail = OwnerEmail, symptom = "", ledPattern = "cyan-flash-red-3" }, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var entries = Since(mark);
        var line = Refusals(entries).ShouldHaveSingleItem();
        line.Text.ShouldBe("Refused POST /api/tickets/ 400 urn:photonsupport:problem:validation fields deviceId, symptom");
        line.Level.ShouldBe(LogLevel.Information);
        entries.ShouldAllBe(e => !e.Text.Contains(OwnerEmail) && e.Exception == null);
    }

    [Fact]
    public async Task A_refused_command_on_a_ticket_names_the_ticket_and_the_rule()
    {
        var opened = await Client.PostAsJsonAsync("/api/tickets", PhotonReport(), Cancellation);
        var ticket = (await ReadAsync(opened, HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var mark = _log.Entries.Count;

        var response = await Client.PostAsJsonAsync($"/api/tickets/{ticket}/reopen", new { reason = $"{OwnerEmail} asked again" }, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var entries = Since(mark);
        Refusals(entries).ShouldHaveSingleItem().Text
            .ShouldBe($"Refused POST /api/tickets/{{id:guid}}/reopen 409 urn:photonsupport:problem:ticket-not-resolved ticket {ticket}");
        entries.ShouldAllBe(e => !e.Text.Contains(OwnerEmail) && e.Exception == null);
    }

    [Fact]
    public async Task A_malformed_body_is_logged_without_a_stack_trace()
    {
        var mark = _log.Entries.Count;

        var response = await Client.PostAsync("/api/tickets", new StringContent("{\"ownerEmail\": \"" + OwnerEmail + "\", ", System.Text.Encoding.UTF8, "application/json"),
            Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var entries = Since(mark);
        Refusals(entries).ShouldHaveSingleItem();
        entries.ShouldAllBe(e => !e.Text.Contains(OwnerEmail) && e.Exception == null && !e.Text.Contains(" at "));
    }

    [Fact]
    public async Task Starting_says_nothing_below_a_warning_from_the_event_store_and_the_message_bus()
    {
        var chatter = _log.Entries.Where(e => e.Level < LogLevel.Warning && new[] { "Marten", "Wolverine", "JasperFx", "Weasel" }.Any(e.Category.StartsWith));

        chatter.Select(e => $"{e.Category}: {e.Text}").ShouldBeEmpty();
    }
}
