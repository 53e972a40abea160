using System.Net;
using System.Text.Json.Nodes;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Api.Tests;

public class QueueAndHistory(ApiFixture api) : ApiTest(api)
{
    private const string CoreId = "53ff6f065067544847310187";

    [Fact]
    public async Task Device_history_read_right_after_a_second_ticket_lists_both_tickets_with_their_references()
    {
        var first = await OpenWithReferenceAsync();
        await ReadAsync(await PostAsync($"/api/tickets/{first.Id}/resolve", new { resolution = "keys server" }), HttpStatusCode.OK);
        var second = await OpenWithReferenceAsync(PhotonReport("cyan-flash-red-4"));
        await OpenAsync(PhotonReport(deviceId: "1f0038000447343232363230"));

        // No waiting here: the endpoint waits for the async projection to reach the writes made before it.
        var response = await Api.Http.GetAsync($"/api/devices/{PhotonId.ToUpperInvariant()}/history", Cancellation);
        var history = await ReadAsync(response, HttpStatusCode.OK);

        response.Headers.Contains("X-Projection-Stale").ShouldBeFalse();
        history["deviceId"]!.GetValue<string>().ShouldBe(PhotonId);
        history["tickets"]!.AsArray().Select(t => (t!["ticketId"]!.GetValue<Guid>(), t["reference"]!.GetValue<string>()))
            .ShouldBe([first, second]);
        // The resolution's mail is recorded (OwnerNotified) by a background handler, whenever it is sent.
        history["entries"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() != nameof(OwnerNotified))
            .Select(e => $"{e!["ticketReference"]} {e["type"]}").ShouldBe(
        [
            $"{first.Reference} DeviceReported", $"{first.Reference} DiagnosisRecorded", $"{first.Reference} TicketResolved",
            $"{second.Reference} DeviceReported", $"{second.Reference} DiagnosisRecorded",
        ]);
    }

    [Fact]
    public async Task A_device_nobody_reported_has_no_history()
    {
        await GetAsync($"/api/devices/{CoreId}/history", HttpStatusCode.NotFound);
        await GetAsync("/api/devices/not-a-device/history", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_queue_line_shows_the_diagnosis_the_backup_on_file_and_the_job_a_bench_runs()
    {
        var ticket = await OpenAsync();
        async Task<JsonNode> Line() => (await GetAsync("/api/tickets"))["items"]![0]!;

        var opened = await Line();
        opened["diagnosis"]!.GetValue<string>().ShouldBe("cloud unreachable after connecting: server public key missing or corrupt");
        opened["backupOnFile"]!.GetValue<bool>().ShouldBeFalse();
        opened["runningJob"].ShouldBeNull();

        await GivenBackupOnFileAsync(ticket);
        var job = (await ReadAsync(await PostAsync($"/api/tickets/{ticket}/jobs", new { kind = "RestoreServerKey" }), HttpStatusCode.Created))["jobId"]!.GetValue<Guid>();
        (await Line())["runningJob"].ShouldBeNull();   // queued: no bench holds it yet
        var at = DateTimeOffset.Parse("2026-03-01T10:00:00Z");
        await GivenEventsAsync(ticket, new RecoveryJobClaimed(ticket, job, Guid.NewGuid(), "agent-key", "bench-1", 1, at.AddMinutes(1), at));

        var running = await Line();
        running["backupOnFile"]!.GetValue<bool>().ShouldBeTrue();
        running["runningJob"]!.GetValue<string>().ShouldBe("RestoreServerKey");
    }

    [Fact]
    public async Task The_queue_filters_by_status_platform_device_and_owner()
    {
        var photon = await OpenAsync();
        var core = await OpenAsync(new { deviceId = CoreId, platform = "Core", ownerEmail = "kickstarter@example.com", symptom = "cyan then green", ledPattern = "cyan-flash-green" });
        await ReadAsync(await PostAsync($"/api/tickets/{core}/resolve", new { resolution = "cc3000 patched" }), HttpStatusCode.OK);

        async Task<Guid[]> Ids(string query) =>
            (await GetAsync($"/api/tickets?{query}"))["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ToArray();

        (await Ids("")).ShouldBe([core, photon]);
        (await Ids("status=Resolved")).ShouldBe([core]);
        (await Ids("status=open")).ShouldBe([photon]);
        (await Ids("platform=Photon")).ShouldBe([photon]);
        (await Ids($"deviceId={CoreId.ToUpperInvariant()}")).ShouldBe([core]);
        (await Ids("ownerEmail=owner@example.com")).ShouldBe([photon]);
        (await Ids("ownerEmail=Owner@EXAMPLE.com")).ShouldBe([photon]);
        (await Ids("ownerEmail=other@example.com")).ShouldBeEmpty();
        (await Ids("platform=Core&status=Open")).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_queue_pages_with_a_cursor_and_every_page_reports_the_total()
    {
        var opened = new List<Guid>();
        for (var i = 0; i < 3; i++) opened.Add(await OpenAsync(PhotonReport(deviceId: AnotherPhoton(i))));

        var first = await GetAsync("/api/tickets?pageSize=2");
        var second = await GetAsync($"/api/tickets?pageSize=2&cursor={first["next"]}");

        IdsOf(first).ShouldBe([opened[2], opened[1]]);
        IdsOf(second).ShouldBe([opened[0]]);
        second["next"].ShouldBeNull();
        first["total"]!.GetValue<long>().ShouldBe(3);
        second["total"]!.GetValue<long>().ShouldBe(3);
        first["totalIsExact"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty_and_still_reports_the_real_total()
    {
        var opened = new List<Guid>();
        for (var i = 0; i < 3; i++) opened.Add(await OpenAsync(PhotonReport(deviceId: AnotherPhoton(i))));
        var first = await GetAsync("/api/tickets?pageSize=2");
        // The one ticket left below the cursor is updated: it moves to the top, above where the walk stopped.
        await ReadAsync(await PostAsync($"/api/tickets/{opened[0]}/notes", new { text = "moved up" }), HttpStatusCode.OK);

        var past = await GetAsync($"/api/tickets?pageSize=2&cursor={first["next"]}");

        IdsOf(past).ShouldBeEmpty();
        past["next"].ShouldBeNull();
        past["total"]!.GetValue<long>().ShouldBe(3);
    }

    [Theory]
    [InlineData("page=2", "page")]
    [InlineData("owner=someone", "owner")]
    [InlineData("status=Open&sort=oldest", "sort")]
    public async Task An_unknown_query_parameter_is_a_400_naming_the_accepted_ones(string query, string field)
    {
        var problem = await GetAsync($"/api/tickets?{query}", HttpStatusCode.BadRequest);

        var message = Strings(problem["errors"]![field]).ShouldHaveSingleItem();
        foreach (var accepted in new[] { "status", "platform", "deviceId", "ownerEmail", "assignee", "cursor", "pageSize" }) message.ShouldContain(accepted);
    }

    [Theory]
    [InlineData("platform=Argon", "platform")]
    [InlineData("status=Lost", "status")]
    [InlineData("deviceId=123", "deviceId")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=two", "page")]
    public async Task A_bad_filter_is_a_400_naming_it(string query, string field) =>
        await ShouldBeBadQueryAsync($"/api/tickets?{query}", field);

    [Fact]
    public async Task Accepted_parameters_are_accepted_in_any_case()
    {
        await OpenAsync();

        (await GetAsync("/api/tickets?Status=Open&PAGESIZE=1"))["items"]!.AsArray().Count.ShouldBe(1);
    }

    private static Guid[] IdsOf(JsonNode page) => page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ToArray();

    [Fact]
    public async Task Health_answers_when_the_database_does() =>
        (await GetAsync("/health"))["status"]!.GetValue<string>().ShouldBe("healthy");

    [Fact]
    public async Task The_OpenAPI_document_describes_the_ticket_endpoints_and_their_read_models()
    {
        var document = await GetAsync("/openapi/v1.json");

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToArray();
        paths.ShouldContain("/api/tickets");
        paths.ShouldContain("/api/tickets/{id}/jobs");
        paths.ShouldContain("/api/devices/{deviceId}/history");
        var schemas = document["components"]!["schemas"]!.AsObject().Select(s => s.Key).ToArray();
        schemas.ShouldContain("TicketDetails");
        schemas.ShouldContain("JobDetails");
        schemas.ShouldContain("TicketPage");
        schemas.ShouldContain("TicketSummary");
        schemas.ShouldContain("DeviceHistory");
        schemas.ShouldNotContain("Ticket", "the domain's state is not the contract");
    }
}
