using System.Net;
using System.Text.Json.Nodes;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Api.Tests;

/// <summary>
/// After a backup request the desk waits on the owner: a reminder, then the case closes itself as "no response from
/// owner"; a backup that arrives first cancels both. The Api here is a second one, on a database of its own, whose
/// reminder comes after two seconds and whose close after four.
/// </summary>
public sealed class WaitingOnTheOwner(ApiFixture api) : ApiTest(api)
{
    // particle-facts.md, "Operations": the founding thread's line, with our device id in the file name.
    private const string PhotonBackupLine = "dfu-util -d 2b04:d006 -a 0 -s 0x8000000:0x100000 -U PHOTON_backup_" + PhotonId + ".bin";

    private OwnApi _own = null!;

    /// <summary>Nothing of the shared Api is used, so it is not reset.</summary>
    public override async ValueTask InitializeAsync() =>
        _own = await OwnApi.StartAsync(Api, "photonsupport_waiting_tests", "waiting-supervisor",
            "--PhotonSupport:Waiting:BackupReminderAfter=00:00:02", "--PhotonSupport:Waiting:CloseWithoutResponseAfter=00:00:04");

    public override ValueTask DisposeAsync() => _own.DisposeAsync();

    /// <summary>A ticket whose owner was asked for a backup: its id and reference.</summary>
    private async Task<(Guid Id, string Reference)> BackupRequestedAsync()
    {
        var opened = await ReadAsync(await PostAsync("/api/tickets", PhotonReport(), _own.Supervisor), HttpStatusCode.Created);
        var ticket = opened["id"]!.GetValue<Guid>();
        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/backup-requests", new { }, _own.Supervisor), HttpStatusCode.OK);
        return (ticket, opened["reference"]!.GetValue<string>());
    }

    private async Task<JsonNode[]> TimelineAsync(Guid ticket) =>
        (await ReadAsync(await _own.Supervisor.GetAsync($"/api/tickets/{ticket}/events", Cancellation), HttpStatusCode.OK)).AsArray().Select(e => e!).ToArray();

    private async Task<JsonNode?> EventAsync(Guid ticket, string type) =>
        (await TimelineAsync(ticket)).FirstOrDefault(e => e["type"]!.GetValue<string>() == type)?["data"];

    private async Task<long> ChaseInInboxAsync(bool pendingOnly) =>
        await ScheduledMessages.InInboxAsync(_own.Database, nameof(RemindOwnerOfBackup), pendingOnly)
        + await ScheduledMessages.InInboxAsync(_own.Database, nameof(CloseWithoutResponse), pendingOnly);

    [Fact]
    public async Task Without_a_backup_the_owner_is_reminded_by_mail_and_later_the_ticket_closes_itself()
    {
        var (ticket, reference) = await BackupRequestedAsync();

        await Eventually.UntilAsync("the ticket to close itself", async () => await EventAsync(ticket, nameof(TicketResolved)) is not null);

        var reminded = (await EventAsync(ticket, nameof(BackupReminderSent)))!;
        reminded["sentBy"]!.GetValue<string>().ShouldBe("system");
        Strings(reminded["dfuUtilCommands"]).ShouldBe([PhotonBackupLine]);
        var resolved = (await EventAsync(ticket, nameof(TicketResolved)))!;
        resolved["resolution"]!.GetValue<string>().ShouldBe("no response from owner");
        resolved["resolvedBy"]!.GetValue<string>().ShouldBe("system");
        var types = (await TimelineAsync(ticket)).Select(e => e["type"]!.GetValue<string>()).ToList();
        types.IndexOf(nameof(BackupReminderSent)).ShouldBeLessThan(types.IndexOf(nameof(TicketResolved)));

        var mail = await _own.Mail.WaitForAsync(reference, "reminder");
        mail.TextBody!.ShouldContain(PhotonBackupLine + "\n", Case.Sensitive);
        mail.TextBody!.ShouldContain("/api/uploads/", Case.Sensitive);
        mail.HtmlBody!.ShouldContain(PhotonBackupLine, Case.Sensitive);
        await Eventually.UntilAsync("the reminder mail to be recorded", async () => (await TimelineAsync(ticket))
            .Any(e => e["type"]!.GetValue<string>() == nameof(OwnerNotified) && e["data"]!["kind"]!.GetValue<string>() == nameof(OwnerMailKind.BackupReminder)));
    }

    [Fact]
    public async Task A_backup_that_arrives_in_time_cancels_the_reminder_and_the_close()
    {
        var (ticket, _) = await BackupRequestedAsync();
        await ReadAsync(await PutBackupAsync(ticket, PhotonBackupImage(), _own.Supervisor), HttpStatusCode.Created);

        // Both were scheduled for the request, then their times came and Wolverine handled them.
        // Each is in the inbox for two seconds at least, so polling sees it.
        await Eventually.UntilAsync("the reminder and the close to be scheduled", async () => await ChaseInInboxAsync(pendingOnly: false) >= 2);
        await Eventually.UntilAsync("the reminder and the close to be handled", async () => await ChaseInInboxAsync(pendingOnly: true) == 0);

        var types = (await TimelineAsync(ticket)).Select(e => e["type"]!.GetValue<string>()).ToArray();
        types.ShouldNotContain(nameof(BackupReminderSent));
        types.ShouldNotContain(nameof(TicketResolved));
        types.ShouldContain(nameof(BackupReceived));
    }

    [Fact]
    public async Task The_chase_survives_a_restart_of_the_Api()
    {
        var (ticket, _) = await BackupRequestedAsync();
        await Eventually.UntilAsync("the reminder and the close to be scheduled", async () => await ChaseInInboxAsync(pendingOnly: false) >= 2);

        await _own.StopAsync();
        (await ScheduledMessages.InInboxAsync(_own.Database, nameof(CloseWithoutResponse), pendingOnly: true))
            .ShouldBe(1, "the close was still to come when the Api stopped");
        await _own.StartAgainAsync();

        // Both may be overdue by the time the Api is back, and then they run in either order: a close that comes
        // first sends the reminder itself and waits again. The close is what must not be lost.
        await Eventually.UntilAsync("the ticket to close itself after the restart", async () => await EventAsync(ticket, nameof(TicketResolved)) is not null);
        (await EventAsync(ticket, nameof(TicketResolved)))!["resolution"]!.GetValue<string>().ShouldBe("no response from owner");
    }
}
