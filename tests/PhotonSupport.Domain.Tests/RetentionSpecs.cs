using PhotonSupport.Domain.Tickets;
using static PhotonSupport.Domain.Tests.TicketHistory;

namespace PhotonSupport.Domain.Tests;

/// <summary>A resolved ticket's images leave the vault when the retention time after its resolution has passed.</summary>
public class RetentionSpecs
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);
    private static readonly Guid SecondBackupId = Guid.Parse("0194f5d2-0000-7000-8000-0000000000b2");
    private static readonly DateTimeOffset DueAt = Resolved().ResolvedAt + Retention;

    private static object[] SecondBackup() => Backup(BackupSource.Staff, SecondBackupId, NoKeys, new string('b', 64));

    private static PurgeResolvedBackups DueFor(TicketResolved resolved) => new(TicketId, resolved.ResolvedAt);

    [Fact]
    public void Each_image_of_a_resolved_ticket_is_purged_once_the_retention_time_has_passed()
    {
        var decision = PurgeResolvedBackups.Decide(Given(PhotonReported(), BackupFromEmail(), SecondBackup(), Resolved()), DueFor(Resolved()), Retention, DueAt);

        decision.Refusal.ShouldBeNull();
        decision.Events.ShouldBe(
        [
            new BackupPurged(TicketId, BackupId, new string('a', 64), "retention: 30 days after resolution", "system", DueAt),
            new BackupPurged(TicketId, SecondBackupId, new string('b', 64), "retention: 30 days after resolution", "system", DueAt),
        ]);
    }

    [Fact]
    public void A_ticket_reopened_before_the_purge_keeps_its_images()
    {
        var reopened = new TicketReopened(TicketId, "it blinks red again", "support", Resolved().ResolvedAt.AddDays(2));

        PurgeResolvedBackups.Decide(Given(PhotonReported(), BackupFromEmail(), Resolved(), reopened), DueFor(Resolved()), Retention, DueAt)
            .Events.ShouldBeEmpty();
    }

    [Fact]
    public void A_purge_due_for_an_earlier_resolution_does_nothing_when_the_ticket_was_resolved_again_later()
    {
        var reopened = new TicketReopened(TicketId, "it blinks red again", "support", Resolved().ResolvedAt.AddDays(2));
        var resolvedAgain = new TicketResolved(TicketId, "keys restored again", "support", Resolved().ResolvedAt.AddDays(3));
        var ticket = Given(PhotonReported(), BackupFromEmail(), Resolved(), reopened, resolvedAgain);

        PurgeResolvedBackups.Decide(ticket, DueFor(Resolved()), Retention, DueAt).Events.ShouldBeEmpty();
        PurgeResolvedBackups.Decide(ticket, DueFor(resolvedAgain), Retention, resolvedAgain.ResolvedAt + Retention)
            .Events.ShouldHaveSingleItem().ShouldBeOfType<BackupPurged>().BackupId.ShouldBe(BackupId);
    }

    [Fact]
    public void An_image_already_purged_is_not_purged_twice()
    {
        var purged = new BackupPurged(TicketId, BackupId, new string('a', 64), "owner asked", "supervisor", Resolved().ResolvedAt.AddDays(1));

        var decision = PurgeResolvedBackups.Decide(Given(PhotonReported(), BackupFromEmail(), SecondBackup(), Resolved(), purged), DueFor(Resolved()), Retention, DueAt);

        decision.Events.ShouldHaveSingleItem().ShouldBeOfType<BackupPurged>().BackupId.ShouldBe(SecondBackupId);
    }

    [Fact]
    public void A_ticket_without_images_has_nothing_to_purge() =>
        PurgeResolvedBackups.Decide(Given(PhotonReported(), Resolved()), DueFor(Resolved()), Retention, DueAt).Events.ShouldBeEmpty();

    [Theory]
    [InlineData("30.00:00:00", "30 days")]
    [InlineData("1.00:00:00", "1 day")]
    [InlineData("00:00:02", "00:00:02")]
    [InlineData("1.12:00:00", "1.12:00:00")]
    public void The_reason_names_the_retention_time_as_the_desk_set_it(string setting, string described) =>
        PurgeResolvedBackups.Describe(TimeSpan.Parse(setting, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(described);
}
