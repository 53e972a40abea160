using System.Security.Cryptography;
using System.Text;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Mail.Inbound;
using Wolverine;
using static PhotonSupport.Testing.TestMail;

namespace PhotonSupport.Api.Tests;

/// <summary>Mails fed through the inbound handler as the mailbox worker feeds them, against the real store.</summary>
public class InboundMail(ApiFixture api) : ApiTest(api)
{
    private static string PhotonBackupName => $"PHOTON_backup_{PhotonId}.bin";

    private async Task<InboundMailOutcome> DeliverAsync(MimeMessage message)
    {
        await using var scope = Api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync<InboundMailOutcome>(new HandleInboundMail(message), Cancellation);
    }

    private Task<InboundMailOutcome> DeliverAsync(string eml) => DeliverAsync(Parse(eml));

    /// <summary>What handling mail appended to the ticket; the acknowledgement's <see cref="OwnerNotified"/> follows when the mail has gone.</summary>
    private async Task<object[]> EventsAsync(Guid ticketId)
    {
        await using var session = Api.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(ticketId, token: Cancellation)).Select(e => e.Data).Where(e => e is not OwnerNotified).ToArray();
    }

    private async Task<string> ReferenceAsync(Guid ticketId) => (await GetAsync($"/api/tickets/{ticketId}"))["reference"]!.GetValue<string>();

    [Fact]
    public async Task A_mailed_Photon_backup_for_a_device_without_a_ticket_opens_one_and_files_the_image()
    {
        var image = Image(1_048_576);

        var outcome = await DeliverAsync(Eml("My Photon blinks cyan then red", "It stopped after an update. Backup attached.",
            messageId: "first@mail.example.com", attachments: (PhotonBackupName, image)));

        outcome.Disposition.ShouldBe(MailDisposition.Processed, outcome.Reason);
        var events = await EventsAsync(outcome.TicketId!.Value);
        var reported = events[0].ShouldBeOfType<DeviceReported>();
        (reported.DeviceId, reported.Platform, reported.OwnerEmail, reported.EmailMessageId).ShouldBe((PhotonId, Platform.Photon, Owner, "first@mail.example.com"));
        reported.Symptom.ShouldBe("My Photon blinks cyan then red\n\nIt stopped after an update. Backup attached.");
        var backup = events[1].ShouldBeOfType<BackupReceived>();
        (backup.Source, backup.FileName, backup.EmailMessageId, backup.Size).ShouldBe((BackupSource.Email, PhotonBackupName, "first@mail.example.com", 1_048_576L));
        backup.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(image)));
        // Random bytes: filed and read, but no key area in them, so no cause to record.
        events[2].ShouldBeOfType<BackupAnalyzed>().Findings.HoldsDeviceKey.ShouldBeFalse();
        events.Length.ShouldBe(3);
    }

    [Fact]
    public async Task A_reply_tagged_with_the_reference_files_its_backup_and_its_new_text()
    {
        var ticketId = await OpenAsync(PhotonReport(deviceId: AnotherPhoton(1)));
        var image = Image(1_048_576, seed: 2);

        var outcome = await DeliverAsync(Eml($"Re: [{await ReferenceAsync(ticketId)}] Please send a backup", """
            Here it is.

            On Sun, 29 Nov 2026 at 20:00, PhotonSupport <support@photonsupport.example> wrote:
            > Please run dfu-util
            """, from: "Owner@Example.com", messageId: "reply@mail.example.com", attachments: ("backup.bin", image)));

        outcome.TicketId.ShouldBe(ticketId);
        var events = await EventsAsync(ticketId);
        events.OfType<BackupReceived>().ShouldHaveSingleItem().Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(image)));
        var replied = events.OfType<CustomerReplied>().ShouldHaveSingleItem();
        (replied.Text, replied.FromOwner, replied.MessageId).ShouldBe(("Here it is.", true, "reply@mail.example.com"));
    }

    [Fact]
    public async Task A_reply_to_our_mail_finds_its_ticket_through_In_Reply_To()
    {
        var ticketId = await OpenAsync();
        await GivenEventsAsync(ticketId, new OwnerNotified(ticketId, OwnerMailKind.BackupRequest, "ours-1@photonsupport.example", Owner,
            "Please send a backup", null, "desk", DateTimeOffset.UtcNow));

        var outcome = await DeliverAsync(Eml("Re: Please send a backup", "I will tonight.", headers: ["In-Reply-To: <ours-1@photonsupport.example>"]));

        outcome.TicketId.ShouldBe(ticketId);
        (await EventsAsync(ticketId)).OfType<CustomerReplied>().ShouldHaveSingleItem().Text.ShouldBe("I will tonight.");
    }

    [Fact]
    public async Task Someone_other_than_the_owner_is_heard_but_flagged()
    {
        var ticketId = await OpenAsync();

        await DeliverAsync(Eml("About my colleague's Photon", $"Device {PhotonId} is on my desk now.", from: "colleague@example.com"));

        var replied = (await EventsAsync(ticketId)).OfType<CustomerReplied>().ShouldHaveSingleItem();
        (replied.From, replied.FromOwner).ShouldBe(("colleague@example.com", false));
    }

    [Fact]
    public async Task The_same_mail_handled_twice_appends_its_events_once()
    {
        var eml = Eml("backup", "attached", messageId: "twice@mail.example.com", attachments: (PhotonBackupName, Image(1_048_576)));

        var first = await DeliverAsync(eml);
        var second = await DeliverAsync(eml);

        second.ShouldBe(first with { Duplicate = true });
        (await EventsAsync(first.TicketId!.Value)).OfType<BackupReceived>().ShouldHaveSingleItem();
        // DeviceReported, BackupReceived and BackupAnalyzed, once.
        (await Api.EventCountAsync()).ShouldBe(3);
    }

    [Fact]
    public async Task Auto_replies_and_bounces_never_become_customer_replies()
    {
        var ticketId = await OpenAsync();
        var reference = await ReferenceAsync(ticketId);

        var autoReply = await DeliverAsync(Eml($"Out of office: [{reference}] Your Photon", "Back on Monday.", headers: ["Auto-Submitted: auto-replied"]));
        var bounce = await DeliverAsync(Bounce($"Undelivered Mail Returned to Sender [{reference}]", "bounce-2@mail.example.com",
            $"Device {PhotonId}: your mail could not be delivered."));

        (autoReply.Automatic, bounce.Automatic).ShouldBe((true, true));
        var events = await EventsAsync(ticketId);
        events.OfType<CustomerReplied>().ShouldBeEmpty();
        events.OfType<NoteAdded>().Count().ShouldBe(2);
    }

    [Fact]
    public async Task The_desks_own_mail_coming_back_to_the_mailbox_is_filed_nowhere()
    {
        var ticketId = await OpenAsync();
        var reference = await ReferenceAsync(ticketId);
        await GivenEventsAsync(ticketId, new OwnerNotified(ticketId, OwnerMailKind.BackupRequest, "ours-2@photonsupport.example", Owner,
            $"[{reference}] Please send a backup", null, "desk", DateTimeOffset.UtcNow));
        var before = (await EventsAsync(ticketId)).Length;

        var outcome = await DeliverAsync(Eml($"[{reference}] Please send a backup", $"Run dfu-util for {PhotonId}.",
            messageId: "ours-2@photonsupport.example", headers: ["Auto-Submitted: auto-generated"]));

        (outcome.Disposition, outcome.TicketId).ShouldBe((MailDisposition.Processed, null));
        (await EventsAsync(ticketId)).Length.ShouldBe(before);
    }

    [Fact]
    public async Task Auto_replies_and_bounces_send_no_mail_while_a_mailed_backup_after_them_is_acknowledged()
    {
        var ticketId = await OpenAsync();
        var reference = await ReferenceAsync(ticketId);

        await DeliverAsync(Eml($"Out of office: [{reference}] Your Photon", "Back on Monday.", headers: ["Auto-Submitted: auto-replied"]));
        await DeliverAsync(Bounce($"Undelivered Mail Returned to Sender [{reference}]", "bounce-3@mail.example.com", $"Device {PhotonId}: not delivered."));
        await DeliverAsync(Eml($"Re: [{reference}] backup", "Here it is.", attachments: (PhotonBackupName, Image(1_048_576))));

        // The acknowledgement of the backup is the mail the desk owes; the machine mails before it owe none.
        await Api.Mail.WaitForAsync(reference, "backup");
        Api.Mail.For(reference).ShouldHaveSingleItem().InReplyTo.ShouldNotBeNull();
    }

    [Fact]
    public async Task An_automatic_mail_for_no_ticket_is_dropped_and_opens_none()
    {
        var outcome = await DeliverAsync(Eml("Auto: about your device", $"Device {PhotonId}", headers: ["Precedence: bulk"]));

        (outcome.Disposition, outcome.TicketId).ShouldBe((MailDisposition.Processed, null));
        (await Api.EventCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_mail_no_ticket_takes_is_quarantined_and_appends_nothing()
    {
        await OpenAsync();
        var before = await Api.EventCountAsync();

        var unmatched = await DeliverAsync(Eml("Hello", "Do you repair Argons?"));
        // Malformed MIME that still parses: no sender, an undecodable subject, a multipart that never reaches its boundary.
        var garbage = await DeliverAsync(MimeMessage.Load(new MemoryStream(Encoding.Latin1.GetBytes(
            "Subject: =?bogus?Q?=ZZ?=\r\nContent-Type: multipart/mixed; boundary=\"never\"\r\n\r\n\u0001\u00ff garbage\r\n")), Cancellation));

        unmatched.Disposition.ShouldBe(MailDisposition.Quarantined);
        garbage.Disposition.ShouldBe(MailDisposition.Quarantined);
        (await Api.EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task An_attachment_no_backup_of_the_platform_has_the_size_of_is_noted_not_filed()
    {
        var ticketId = await OpenAsync();

        var outcome = await DeliverAsync(Eml($"[{await ReferenceAsync(ticketId)}] backup", "", attachments: ("half.bin", Image(524_288))));

        outcome.Disposition.ShouldBe(MailDisposition.Processed);
        var events = await EventsAsync(ticketId);
        events.OfType<BackupReceived>().ShouldBeEmpty();
        events.OfType<NoteAdded>().ShouldHaveSingleItem().Text.ShouldContain("half.bin has 524,288 bytes");
    }

    [Fact]
    public async Task A_device_mail_that_cannot_say_its_platform_is_quarantined()
    {
        var outcome = await DeliverAsync(Eml("broken", $"Device {PhotonId} blinks red", attachments: ("dump.bin", Image(1_048_576))));

        outcome.Disposition.ShouldBe(MailDisposition.Quarantined);
        (await Api.EventCountAsync()).ShouldBe(0);
    }
}
