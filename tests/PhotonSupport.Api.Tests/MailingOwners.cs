using System.Net;
using System.Text.Json.Nodes;
using MimeKit;
using PhotonSupport.Domain.Agents;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Auth;
using PhotonSupport.Workers.Tickets;

namespace PhotonSupport.Api.Tests;

/// <summary>With no SMTP server configured (as ./run.sh starts it), owners' mail is written to the pickup folder.</summary>
public class MailingOwners(ApiFixture api) : ApiTest(api)
{
    // particle-facts.md, "Operations": the founding thread's line, with our device id in the file name.
    private const string PhotonBackupLine = "dfu-util -d 2b04:d006 -a 0 -s 0x8000000:0x100000 -U PHOTON_backup_" + PhotonId + ".bin";

    private async Task<JsonNode[]> NotificationsAsync(Guid ticket) =>
        (await GetAsync($"/api/tickets/{ticket}/events")).AsArray().Where(e => e!["type"]!.GetValue<string>() == nameof(OwnerNotified)).Select(e => e!["data"]!).ToArray();

    [Fact]
    public async Task Requesting_a_backup_mails_the_owner_the_exact_dfu_util_line_and_the_timeline_records_its_Message_ID()
    {
        var (ticket, reference) = await OpenWithReferenceAsync();

        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/backup-requests", new { }), HttpStatusCode.OK);

        var mail = await Api.Mail.WaitForAsync(reference, "backup");
        mail.Subject.ShouldStartWith($"[{reference}] ");
        mail.To.Mailboxes.Single().Address.ShouldBe("owner@example.com");
        mail.Headers["Auto-Submitted"].ShouldBe("auto-generated");
        var parts = mail.Body.ShouldBeOfType<MultipartAlternative>();
        parts.Select(p => p.ContentType.MimeType).ShouldBe(["text/plain", "text/html"]);
        mail.TextBody!.ShouldContain(PhotonBackupLine + "\n", Case.Sensitive);
        mail.HtmlBody!.ShouldContain(PhotonBackupLine, Case.Sensitive);
        mail.TextBody!.ShouldContain("hold the SETUP button, tap RESET", Case.Sensitive);
        mail.TextBody!.ShouldContain("blinks yellow", Case.Sensitive);
        mail.TextBody!.ShouldContain("Reply to this email with the file attached", Case.Sensitive);

        var notified = (await NotificationsAsync(ticket)).ShouldHaveSingleItem();
        notified["messageId"]!.GetValue<string>().ShouldBe(mail.MessageId);
        notified["kind"]!.GetValue<string>().ShouldBe(nameof(OwnerMailKind.BackupRequest));
        notified["subject"]!.GetValue<string>().ShouldBe(mail.Subject);
        // A ticket opened over HTTP answers no mail of the owner's: the backup request is their only mail.
        Api.Mail.For(reference).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_Core_owner_is_asked_for_both_flashes_with_the_MODE_button()
    {
        const string core = "53ff6f065067544847310187";
        var (ticket, reference) = await OpenWithReferenceAsync(new
        {
            deviceId = core, platform = "Core", ownerEmail = "owner@example.com", symptom = "Cyan blinks followed by green.", ledPattern = "cyan-flash-green",
        });

        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/backup-requests", new { }), HttpStatusCode.OK);

        var mail = await Api.Mail.WaitForAsync(reference, "backup");
        // particle-facts.md, "Operations": the Core's external-flash line, literally. Its internal-flash line writes the start as
        // 0x08000000 where the catalog writes 0x8000000 (the same address to dfu-util), so only its file name is compared here.
        mail.TextBody!.ShouldContain($"dfu-util -d 1d50:607f -a 1 -s 0x0:0x200000 -U CORE_backup_{core}.bin\n", Case.Sensitive);
        mail.TextBody!.ShouldContain($":0x20000 -U CORE_internal_backup_{core}.bin\n", Case.Sensitive);
        mail.TextBody!.ShouldContain("hold the MODE button, tap RESET", Case.Sensitive);
    }

    [Fact]
    public async Task A_recovery_job_that_finishes_sends_the_owner_one_status_mail_in_plain_words()
    {
        var (ticket, reference) = await OpenWithReferenceAsync();
        var queued = await ReadAsync(await PostAsync($"/api/tickets/{ticket}/jobs", new { kind = "RestoreServerKey", waiverReason = "owner has no USB cable" }),
            HttpStatusCode.Created);
        var agent = Api.ClientFor(Roles.Agent);
        var claim = await ReadAsync(await PostAsync(AgentPaths.ClaimWaiting(TimeSpan.Zero),
            new { devices = new[] { new { deviceId = PhotonId, platform = "Photon" } } }, agent), HttpStatusCode.OK);
        claim["jobId"]!.GetValue<Guid>().ShouldBe(queued["jobId"]!.GetValue<Guid>());

        await ReadAsync(await PostAsync(AgentPaths.CompleteOf(claim["jobId"]!.GetValue<Guid>(), claim["claimId"]!.GetValue<Guid>()),
            new { outcome = "succeeded", details = "verified by read-back" }, agent), HttpStatusCode.OK);

        var mail = await Api.Mail.WaitForAsync(reference, "News");
        mail.TextBody!.ShouldContain("We restored your Photon's server key", Case.Sensitive);
        mail.Headers["Auto-Submitted"].ShouldBe("auto-generated");
        var notified = (await NotificationsAsync(ticket)).ShouldHaveSingleItem();
        notified["kind"]!.GetValue<string>().ShouldBe(nameof(OwnerMailKind.StatusUpdate));
        notified["messageId"]!.GetValue<string>().ShouldBe(mail.MessageId);
        Api.Mail.For(reference).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Resolving_a_ticket_mails_the_owner_the_resolution_and_how_to_reopen_it()
    {
        var (ticket, reference) = await OpenWithReferenceAsync();

        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/resolve", new { resolution = "The server key was restored; the Photon breathes cyan." }),
            HttpStatusCode.OK);

        var mail = await Api.Mail.WaitForAsync(reference, "closed");
        mail.TextBody!.ShouldContain("The server key was restored; the Photon breathes cyan.", Case.Sensitive);
        mail.TextBody!.ShouldContain("reply to this email and the case opens again", Case.Sensitive);
        mail.HtmlBody!.ShouldContain("reply to this email", Case.Sensitive);
        var notified = (await NotificationsAsync(ticket)).ShouldHaveSingleItem();
        notified["kind"]!.GetValue<string>().ShouldBe(nameof(OwnerMailKind.Resolved));
        notified["messageId"]!.GetValue<string>().ShouldBe(mail.MessageId);
    }

    [Fact]
    public async Task A_backup_that_came_by_mail_is_acknowledged_in_reply_to_that_mail()
    {
        var (ticket, reference) = await OpenWithReferenceAsync();
        const string ownersMail = "CAJx9f2b.backup@mail.example.com";

        await GivenEventsAsync(ticket, new BackupReceived(ticket, Guid.NewGuid(), new string('a', 64), 1_048_576, BackupSource.Email, "owner@example.com",
            DateTimeOffset.UtcNow, FileName: $"PHOTON_backup_{PhotonId}.bin", EmailMessageId: ownersMail));

        var mail = await Api.Mail.WaitForAsync(reference, "backup");
        mail.InReplyTo.ShouldBe(ownersMail);
        mail.References.ShouldBe([ownersMail]);
        mail.TextBody!.ShouldContain($"PHOTON_backup_{PhotonId}.bin", Case.Sensitive);
        mail.Headers["Auto-Submitted"].ShouldBe("auto-generated");
        var notified = (await NotificationsAsync(ticket)).ShouldHaveSingleItem();
        notified["kind"]!.GetValue<string>().ShouldBe(nameof(OwnerMailKind.Acknowledgement));
        notified["inReplyTo"]!.GetValue<string>().ShouldBe(ownersMail);
        notified["messageId"]!.GetValue<string>().ShouldBe(mail.MessageId);
    }

    [Fact]
    public async Task A_ticket_opened_by_the_owners_mail_is_acknowledged_in_reply_to_it()
    {
        const string ownersMail = "report-1@mail.example.com";
        var ticket = Guid.NewGuid();
        // Far beyond any reference the sequence hands out in a test run.
        const string reference = "PS-900001";

        await GivenEventsAsync(ticket, new DeviceReported(ticket, reference, PhotonId, Platform.Photon, "owner@example.com",
            "Blinks cyan, then three red.", null, "owner@example.com", DateTimeOffset.UtcNow, EmailMessageId: ownersMail));

        var mail = await Api.Mail.WaitForAsync(reference, "report");
        mail.InReplyTo.ShouldBe(ownersMail);
        mail.References.ShouldBe([ownersMail]);
        mail.TextBody!.ShouldContain("Blinks cyan, then three red.", Case.Sensitive);
        (await NotificationsAsync(ticket)).ShouldHaveSingleItem()["messageId"]!.GetValue<string>().ShouldBe(mail.MessageId);
    }
}
