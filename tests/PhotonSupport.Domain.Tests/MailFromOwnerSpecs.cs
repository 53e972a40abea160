using System.Security.Cryptography;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Tickets;
using static PhotonSupport.Domain.Tests.TicketHistory;

namespace PhotonSupport.Domain.Tests;

/// <summary>What a mail on a ticket records: the backup it brought, and what the sender wrote.</summary>
public class MailFromOwnerSpecs
{
    private static readonly DateTimeOffset Now = Monday.AddDays(1);
    private static readonly Guid NewBackup = Guid.Parse("0194f5d2-0000-7000-8000-0000000000b9");

    private static RecordEmailBackup Backup(long size, string from = "owner@example.com") =>
        new(TicketId, NewBackup, Enumerable.Repeat((byte)0xFF, (int)size).ToArray(), $"PHOTON_backup_{DeviceId}.bin", "m1@mail.example.com", from);

    [Fact]
    public void A_mailed_Photon_backup_of_one_mebibyte_is_received_from_email_with_its_file_name_and_mail()
    {
        var command = Backup(1_048_576);
        var sha = Convert.ToHexStringLower(SHA256.HashData(command.Image));

        RecordEmailBackup.Decide(Given(PhotonReported()), command, Now).Events.OfType<BackupReceived>().ShouldHaveSingleItem().ShouldBe(
            new BackupReceived(TicketId, NewBackup, sha, 1_048_576, BackupSource.Email, "owner@example.com", Now, $"PHOTON_backup_{DeviceId}.bin", "m1@mail.example.com"));
    }

    [Theory]
    [InlineData(Platform.Photon, 131_072)]
    [InlineData(Platform.Electron, 2_097_152)]
    [InlineData(Platform.Core, 1_048_576)]
    [InlineData(Platform.Photon, 1_048_575)]
    public void An_image_of_a_size_the_platforms_backups_never_have_is_refused(Platform platform, long size) =>
        RecordEmailBackup.Decide(Given(PhotonReported(platform)), Backup(size), Now).Refusal!.Type.ShouldBe(TicketRules.BackupSizeNotAccepted);

    [Theory]
    [InlineData(131_072)]
    [InlineData(2_097_152)]
    [InlineData(2_228_224)]
    public void A_Core_takes_its_internal_its_external_or_both_flashes(long size) =>
        RecordEmailBackup.Decide(Given(PhotonReported(Platform.Core)), Backup(size), Now).IsRefused.ShouldBeFalse();

    [Fact]
    public void A_resolved_ticket_takes_no_backup_by_mail() =>
        RecordEmailBackup.Decide(Given(PhotonReported(), Resolved()), Backup(1_048_576), Now).Refusal!.Type.ShouldBe(TicketRules.TicketResolved);

    [Theory]
    [InlineData("owner@example.com", true)]
    [InlineData("Owner@Example.COM", true)]
    [InlineData("colleague@example.com", false)]
    public void A_reply_says_whether_the_owner_wrote_it(string from, bool fromOwner) =>
        RecordCustomerReply.Decide(Given(PhotonReported()), new RecordCustomerReply(TicketId, "m2@mail.example.com", from, "Re: [PS-1]", "It works"), Now)
            .Events.ShouldHaveSingleItem().ShouldBe(new CustomerReplied(TicketId, "m2@mail.example.com", from, fromOwner, "Re: [PS-1]", "It works", Now));

    [Fact]
    public void A_reply_longer_than_an_events_text_is_refused_at_the_edge() =>
        new RecordCustomerReplyValidator().Validate(new RecordCustomerReply(TicketId, "m", "o@example.com", "s", new string('x', 4001))).IsValid.ShouldBeFalse();

    [Fact]
    public void A_report_by_mail_keeps_the_mails_id_on_the_opening_event() =>
        OpenTicket.Decide(new OpenTicket(DeviceId, "Photon", "owner@example.com", "blinks", null, "owner@example.com", "m3@mail.example.com"),
                TicketId, "PS-9", [], Now)
            .Events.ShouldHaveSingleItem().ShouldBeOfType<DeviceReported>().EmailMessageId.ShouldBe("m3@mail.example.com");
}
