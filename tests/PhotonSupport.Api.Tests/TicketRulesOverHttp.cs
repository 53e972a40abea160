using System.Net;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Api.Tests;

public class TicketRulesOverHttp(ApiFixture api) : ApiTest(api)
{
    [Fact]
    public async Task A_destructive_job_without_a_backup_is_refused_with_the_rule_type_and_appends_nothing()
    {
        var id = await OpenAsync();
        var before = await Api.EventCountAsync();

        var problem = await ReadAsync(await PostAsync($"/api/tickets/{id}/jobs", new { kind = "RestoreServerKey" }), HttpStatusCode.Conflict);

        problem["type"]!.GetValue<string>().ShouldBe(TicketRules.BackupRequired);
        (await Api.EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task The_same_job_with_a_waiver_is_queued_and_the_waiver_is_in_the_timeline()
    {
        var id = await OpenAsync();

        var queued = await ReadAsync(
            await PostAsync($"/api/tickets/{id}/jobs", new { kind = "RestoreServerKey", waiverReason = "owner consented by phone; no laptop" }),
            HttpStatusCode.Created);

        queued["jobId"]!.GetValue<Guid>().ShouldNotBe(Guid.Empty);
        queued["ticket"]!["status"]!.GetValue<string>().ShouldBe("InRecovery");
        var timeline = (await GetAsync($"/api/tickets/{id}/events")).AsArray();
        var waiver = timeline.Single(e => e!["type"]!.GetValue<string>() == nameof(BackupFirstRuleWaived))!;
        waiver["data"]!["reason"]!.GetValue<string>().ShouldBe("owner consented by phone; no laptop");
        waiver["data"]!["jobId"]!.GetValue<Guid>().ShouldBe(queued["jobId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task A_destructive_job_with_a_backup_on_file_is_queued()
    {
        await GivenInLibraryAsync("/api/firmware/photon/tinker", Tinker());
        var id = await OpenAsync();
        await GivenBackupOnFileAsync(id);

        await ReadAsync(await PostAsync($"/api/tickets/{id}/jobs", new { kind = "FlashTinker" }), HttpStatusCode.Created);

        (await TimelineTypesAsync(id)).ShouldBe([nameof(DeviceReported), nameof(DiagnosisRecorded), nameof(BackupReceived), nameof(BackupAnalyzed), nameof(RecoveryJobQueued)]);
    }

    [Fact]
    public async Task Patching_the_cc3000_of_a_Photon_is_refused_by_name()
    {
        var id = await OpenAsync();
        await GivenBackupOnFileAsync(id);

        var problem = await ReadAsync(await PostAsync($"/api/tickets/{id}/jobs", new { kind = "PatchCc3000" }), HttpStatusCode.Conflict);

        problem["type"]!.GetValue<string>().ShouldBe(TicketRules.JobKindNotForPlatform);
        problem["detail"]!.GetValue<string>().ShouldContain("Photon");
    }

    [Fact]
    public async Task An_unknown_job_kind_is_a_400_listing_the_kinds()
    {
        var problem = await ReadAsync(await PostAsync($"/api/tickets/{await OpenAsync()}/jobs", new { kind = "ReflowSolder" }), HttpStatusCode.BadRequest);

        Strings(problem["errors"]!["kind"]).ShouldHaveSingleItem().ShouldContain("RegenerateDeviceKeys");
    }

    [Fact]
    public async Task A_ticket_with_a_job_in_flight_cannot_be_resolved()
    {
        var id = await OpenAsync();
        await ReadAsync(await PostAsync($"/api/tickets/{id}/jobs", new { kind = "Backup" }), HttpStatusCode.Created);

        var problem = await ReadAsync(await PostAsync($"/api/tickets/{id}/resolve", new { resolution = "works" }), HttpStatusCode.Conflict);

        problem["type"]!.GetValue<string>().ShouldBe(TicketRules.JobsInFlight);
    }

    [Fact]
    public async Task A_resolved_ticket_takes_notes_and_a_reopen_but_refuses_jobs()
    {
        var id = await OpenAsync();
        var resolved = await ReadAsync(await PostAsync($"/api/tickets/{id}/resolve", new { resolution = "keys server fixed it" }), HttpStatusCode.OK);
        resolved["status"]!.GetValue<string>().ShouldBe("Resolved");

        (await ReadAsync(await PostAsync($"/api/tickets/{id}/jobs", new { kind = "Backup" }), HttpStatusCode.Conflict))["type"]!
            .GetValue<string>().ShouldBe(TicketRules.TicketResolved);
        (await ReadAsync(await PostAsync($"/api/tickets/{id}/backup-requests", new { }), HttpStatusCode.Conflict))["type"]!
            .GetValue<string>().ShouldBe(TicketRules.TicketResolved);
        await ReadAsync(await PostAsync($"/api/tickets/{id}/notes", new { text = "owner says thanks" }), HttpStatusCode.OK);
        var reopened = await ReadAsync(await PostAsync($"/api/tickets/{id}/reopen", new { reason = "red blinks are back" }), HttpStatusCode.OK);

        reopened["status"]!.GetValue<string>().ShouldBe("Open");
        (await TimelineTypesAsync(id))[^3..].ShouldBe([nameof(TicketResolved), nameof(NoteAdded), nameof(TicketReopened)]);
    }

    [Fact]
    public async Task Reopening_an_open_ticket_is_refused() =>
        (await ReadAsync(await PostAsync($"/api/tickets/{await OpenAsync()}/reopen", new { reason = "again" }), HttpStatusCode.Conflict))["type"]!
            .GetValue<string>().ShouldBe(TicketRules.TicketNotResolved);

    [Fact]
    public async Task A_backup_request_gives_the_owner_the_dfu_util_line_and_waits_for_the_image()
    {
        var id = await OpenAsync();

        var requested = await ReadAsync(await PostAsync($"/api/tickets/{id}/backup-requests", new { }), HttpStatusCode.OK);

        requested["status"]!.GetValue<string>().ShouldBe("AwaitingBackup");
        // By type, not position: the mail it causes is recorded (OwnerNotified) soon after, by a background handler.
        var requestedEvent = (await GetAsync($"/api/tickets/{id}/events")).AsArray().Single(e => e!["type"]!.GetValue<string>() == nameof(BackupRequested));
        Strings(requestedEvent!["data"]!["dfuUtilCommands"]).ShouldBe(
            [$"dfu-util -d 2b04:d006 -a 0 -s 0x8000000:0x100000 -U PHOTON_backup_{PhotonId}.bin"]);
    }

    [Fact]
    public async Task Notes_must_say_something() =>
        (await ReadAsync(await PostAsync($"/api/tickets/{await OpenAsync()}/notes", new { text = "" }), HttpStatusCode.BadRequest))["errors"]!
            .AsObject().Select(e => e.Key).ShouldBe(["text"]);

    [Theory]
    [InlineData("notes")]
    [InlineData("backup-requests")]
    [InlineData("jobs")]
    [InlineData("resolve")]
    [InlineData("reopen")]
    public async Task A_command_on_an_unknown_ticket_is_a_404(string command)
    {
        var body = new { text = "t", kind = "Backup", resolution = "r", reason = "r" };

        var problem = await ReadAsync(await PostAsync($"/api/tickets/{Guid.NewGuid()}/{command}", body), HttpStatusCode.NotFound);

        problem["type"]!.GetValue<string>().ShouldBe("urn:photonsupport:problem:not-found");
    }
}
