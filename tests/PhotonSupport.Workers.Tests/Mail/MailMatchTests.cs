using PhotonSupport.Workers.Mail.Inbound;
using static PhotonSupport.Testing.TestMail;

namespace PhotonSupport.Workers.Tests.Mail;

public class MailMatchTests
{
    private const string DeviceId = "3c002b000347343339373536";
    private static readonly Guid Referenced = Guid.NewGuid(), Replied = Guid.NewGuid(), DevicesTicket = Guid.NewGuid(), Other = Guid.NewGuid();

    private static MailClues Clues(string eml)
    {
        var message = Parse(eml);
        var attachments = FlashAttachment.In(message);
        return MailClues.Of(message, attachments, MailText.NewText(message));
    }

    private static KnownTickets Known(Guid? byReference = null, Guid[]? byReply = null, Dictionary<string, IReadOnlyList<Guid>>? open = null) =>
        new(byReference, byReply ?? [], open ?? []);

    [Fact]
    public void The_clues_are_the_subjects_reference_the_threads_ids_and_the_device_ids_named()
    {
        var clues = Clues(Eml("Re: [ps-12] Your Photon", $"Device {DeviceId.ToUpperInvariant()}, hash {new string('a', 64)}",
            headers: ["In-Reply-To: <ours-2@photonsupport.example>", "References: <ours-1@photonsupport.example> <ours-2@photonsupport.example>"]));

        clues.Reference.ShouldBe("PS-12");
        clues.RepliesTo.ShouldBe(["ours-2@photonsupport.example", "ours-1@photonsupport.example"]);
        clues.DeviceIds.ShouldBe([DeviceId]);
    }

    [Fact]
    public void The_subjects_reference_wins_over_the_thread_and_the_device() =>
        MailMatch.Of(Clues(Eml("[PS-1]", DeviceId)), Known(Referenced, [Replied], new() { [DeviceId] = [DevicesTicket] }))
            .ShouldBe(new MailMatch.Ticket(Referenced, "subject names PS-1"));

    [Fact]
    public void A_reply_to_our_mail_finds_its_ticket_when_the_subject_lost_the_reference() =>
        MailMatch.Of(Clues(Eml("Re: your device", DeviceId, headers: ["In-Reply-To: <ours@photonsupport.example>"])),
                Known(byReply: [Replied], open: new() { [DeviceId] = [DevicesTicket] }))
            .ShouldBe(new MailMatch.Ticket(Replied, "answers our mail"));

    [Fact]
    public void A_device_id_in_an_attachment_name_finds_the_devices_one_open_ticket() =>
        MailMatch.Of(Clues(Eml("backup", "attached", attachments: ($"PHOTON_backup_{DeviceId}.bin", Image(16)))),
                Known(open: new() { [DeviceId] = [DevicesTicket] }))
            .ShouldBe(new MailMatch.Ticket(DevicesTicket, $"names device {DeviceId}"));

    [Fact]
    public void A_device_with_no_open_ticket_gets_a_new_one() =>
        MailMatch.Of(Clues(Eml("My photon blinks red", $"Device id {DeviceId}")), Known()).ShouldBe(new MailMatch.NewTicket(DeviceId));

    [Fact]
    public void Two_candidates_are_never_guessed_between()
    {
        MailMatch.Of(Clues(Eml("two", $"{DeviceId} and 3c0000000000000000000001")), Known()).ShouldBeOfType<MailMatch.Unmatched>();
        MailMatch.Of(Clues(Eml("one device", DeviceId)), Known(open: new() { [DeviceId] = [DevicesTicket, Other] })).ShouldBeOfType<MailMatch.Unmatched>();
        MailMatch.Of(Clues(Eml("Re: both", "", headers: ["References: <a@x> <b@x>"])), Known(byReply: [Replied, Other])).ShouldBeOfType<MailMatch.Unmatched>();
    }

    [Fact]
    public void A_mail_with_no_clue_is_unmatched() =>
        MailMatch.Of(Clues(Eml("Hello", "Do you repair Argons?")), Known()).ShouldBe(new MailMatch.Unmatched("no ticket reference, known thread or device id"));
}
