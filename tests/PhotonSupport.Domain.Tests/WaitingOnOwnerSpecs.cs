using PhotonSupport.Domain.Tickets;
using static PhotonSupport.Domain.Tests.TicketHistory;

namespace PhotonSupport.Domain.Tests;

/// <summary>
/// After a backup request the desk waits on the owner: a reminder after three days, the case closed after fourteen, both
/// for that request only, and neither once a backup or a reply has come.
/// </summary>
public class WaitingOnOwnerSpecs
{
    private static readonly TimeSpan ReminderAfter = TimeSpan.FromDays(3);
    private static readonly TimeSpan CloseAfter = TimeSpan.FromDays(14);
    private static readonly DateTimeOffset RequestedAt = Monday.AddHours(1);
    private static readonly DateTimeOffset ReminderDue = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset CloseDue = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private const string PhotonBackupLine = "dfu-util -d 2b04:d006 -a 0 -s 0x8000000:0x100000 -U PHOTON_backup_" + DeviceId + ".bin";

    private static BackupRequested Requested(DateTimeOffset? at = null) =>
        new(TicketId, "owner@example.com", [PhotonBackupLine], "support", at ?? RequestedAt);

    private static readonly RemindOwnerOfBackup Reminder = new(TicketId, RequestedAt);
    private static readonly CloseWithoutResponse Close = new(TicketId, RequestedAt);

    private static CustomerReplied Reply() =>
        new(TicketId, "reply-1@example.com", "owner@example.com", true, "Re: [PS-1]", "I'll do it at the weekend", RequestedAt.AddDays(1));

    [Fact]
    public void The_owner_is_reminded_with_the_same_dfu_util_lines_when_no_backup_came_within_the_reminder_time()
    {
        var reminded = RemindOwnerOfBackup.Decide(Given(PhotonReported(), Requested()), Reminder, ReminderAfter, ReminderDue)
            .Events.ShouldHaveSingleItem().ShouldBeOfType<BackupReminderSent>();

        reminded.RequestedAt.ShouldBe(RequestedAt);
        reminded.DfuUtilCommands.ShouldBe([PhotonBackupLine]);
        reminded.SentBy.ShouldBe("system");
        reminded.SentAt.ShouldBe(ReminderDue);
    }

    [Fact]
    public void No_reminder_goes_out_before_the_reminder_time() =>
        RemindOwnerOfBackup.Decide(Given(PhotonReported(), Requested()), Reminder, ReminderAfter, ReminderDue.AddSeconds(-1)).Events.ShouldBeEmpty();

    [Fact]
    public void A_backup_that_arrived_cancels_the_reminder_and_the_close()
    {
        var ticket = Given(PhotonReported(), Requested(), BackupFromEmail());

        RemindOwnerOfBackup.Decide(ticket, Reminder, ReminderAfter, ReminderDue).Events.ShouldBeEmpty();
        CloseWithoutResponse.Decide(ticket, Close, ReminderAfter, CloseAfter, CloseDue).Events.ShouldBeEmpty();
    }

    [Fact]
    public void A_reply_from_the_customer_cancels_the_reminder_and_the_close()
    {
        var ticket = Given(PhotonReported(), Requested(), Reply());

        RemindOwnerOfBackup.Decide(ticket, Reminder, ReminderAfter, ReminderDue).Events.ShouldBeEmpty();
        CloseWithoutResponse.Decide(ticket, Close, ReminderAfter, CloseAfter, CloseDue).Events.ShouldBeEmpty();
    }

    [Fact]
    public void A_newer_request_leaves_the_earlier_requests_reminder_without_effect_and_gets_its_own()
    {
        var newer = Requested(RequestedAt.AddDays(2));
        var ticket = Given(PhotonReported(), Requested(), newer);

        RemindOwnerOfBackup.Decide(ticket, Reminder, ReminderAfter, ReminderDue).Events.ShouldBeEmpty();
        CloseWithoutResponse.Decide(ticket, Close, ReminderAfter, CloseAfter, CloseDue).Events.ShouldBeEmpty();
        RemindOwnerOfBackup.Decide(ticket, new RemindOwnerOfBackup(TicketId, newer.RequestedAt), ReminderAfter, ReminderDue.AddDays(2))
            .Events.ShouldHaveSingleItem().ShouldBeOfType<BackupReminderSent>().RequestedAt.ShouldBe(newer.RequestedAt);
    }

    [Fact]
    public void A_ticket_resolved_and_reopened_meanwhile_is_not_chased_for_the_old_request()
    {
        var reopened = new TicketReopened(TicketId, "it blinks red again", "support", Monday.AddHours(4));
        var ticket = Given(PhotonReported(), Requested(), Resolved(), reopened);

        RemindOwnerOfBackup.Decide(ticket, Reminder, ReminderAfter, ReminderDue).Events.ShouldBeEmpty();
        CloseWithoutResponse.Decide(ticket, Close, ReminderAfter, CloseAfter, CloseDue).Events.ShouldBeEmpty();
    }

    private static BackupReminderSent Reminded(DateTimeOffset at) => new(TicketId, RequestedAt, [PhotonBackupLine], "system", at);

    [Fact]
    public void The_reminder_leaves_the_close_pending() =>
        CloseWithoutResponse.Decide(Given(PhotonReported(), Requested(), Reminded(ReminderDue)), Close, ReminderAfter, CloseAfter, CloseDue)
            .Events.ShouldBe([new TicketResolved(TicketId, "no response from owner", "system", CloseDue)]);

    [Fact]
    public void The_ticket_is_not_closed_before_the_close_time() =>
        CloseWithoutResponse.Decide(Given(PhotonReported(), Requested(), Reminded(ReminderDue)), Close, ReminderAfter, CloseAfter, CloseDue.AddSeconds(-1))
            .Events.ShouldBeEmpty();

    [Fact]
    public void A_close_that_comes_due_before_any_reminder_reminds_the_owner_instead_of_closing()
    {
        var decision = CloseWithoutResponse.Decide(Given(PhotonReported(), Requested()), Close, ReminderAfter, CloseAfter, CloseDue);

        var reminded = decision.Events.ShouldHaveSingleItem().ShouldBeOfType<BackupReminderSent>();
        reminded.SentAt.ShouldBe(CloseDue);
        reminded.DfuUtilCommands.ShouldBe([PhotonBackupLine]);
    }

    [Fact]
    public void A_late_reminder_gives_the_owner_the_whole_eleven_days_between_reminder_and_close()
    {
        // Reminded on 7 December instead of 26 November: 3 days then 14 means 11 days between them, so 18 December.
        var lateReminder = Reminded(CloseDue);
        var elevenDaysLater = new DateTimeOffset(2026, 12, 18, 10, 0, 0, TimeSpan.Zero);
        var ticket = Given(PhotonReported(), Requested(), lateReminder);

        Close.DueAt(ticket.ChaseRemindedAt, ReminderAfter, CloseAfter).ShouldBe(elevenDaysLater);
        CloseWithoutResponse.Decide(ticket, Close, ReminderAfter, CloseAfter, elevenDaysLater.AddSeconds(-1)).Events.ShouldBeEmpty();
        CloseWithoutResponse.Decide(ticket, Close, ReminderAfter, CloseAfter, elevenDaysLater).Events.ShouldHaveSingleItem().ShouldBeOfType<TicketResolved>();
    }

    [Fact]
    public void The_owner_is_reminded_once_per_request_whichever_message_sent_it() =>
        RemindOwnerOfBackup.Decide(Given(PhotonReported(), Requested(), Reminded(CloseDue)), Reminder, ReminderAfter, CloseDue.AddMinutes(1))
            .Events.ShouldBeEmpty();

    [Fact]
    public void A_newer_request_is_reminded_again_after_the_earlier_one_was()
    {
        var newer = Requested(RequestedAt.AddDays(4));

        RemindOwnerOfBackup.Decide(Given(PhotonReported(), Requested(), Reminded(ReminderDue), newer),
                new RemindOwnerOfBackup(TicketId, newer.RequestedAt), ReminderAfter, ReminderDue.AddDays(4))
            .Events.ShouldHaveSingleItem().ShouldBeOfType<BackupReminderSent>();
    }

    [Fact]
    public void A_ticket_with_a_job_in_flight_is_not_closed_and_the_desk_gets_a_note_instead()
    {
        var ticket = Given(PhotonReported(), Requested(), Reminded(ReminderDue), JobQueued(Jobs.RecoveryJobKind.Backup));

        var decision = CloseWithoutResponse.Decide(ticket, Close, ReminderAfter, CloseAfter, CloseDue);

        var note = decision.Events.ShouldHaveSingleItem().ShouldBeOfType<NoteAdded>();
        note.AddedBy.ShouldBe("system");
        note.Text.ShouldContain("1 job(s)");
        Given(PhotonReported(), Requested(), JobQueued(Jobs.RecoveryJobKind.Backup), note).Status.ShouldNotBe(TicketStatus.Resolved);
    }
}
