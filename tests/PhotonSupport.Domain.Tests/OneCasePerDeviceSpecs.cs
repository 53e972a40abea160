using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Jobs;
using PhotonSupport.Domain.Tickets;
using static PhotonSupport.Domain.Tests.TicketHistory;

namespace PhotonSupport.Domain.Tests;

/// <summary>A device has one open case and one job on a bench at a time, and stays the platform it was first reported as.</summary>
public class OneCasePerDeviceSpecs
{
    private static readonly DateTimeOffset Now = Monday.AddDays(1);
    private static readonly Guid EarlierId = Guid.Parse("0194f5d2-0000-7000-8000-000000000e01");
    private static readonly Guid NewId = Guid.Parse("0194f5d2-0000-7000-8000-000000000e02");

    private static OpenTicket Report(string platform = "Photon") =>
        new(DeviceId.ToUpperInvariant(), platform, "owner@example.com", "blinks red again", null, "support");

    private static EarlierTicket Earlier(TicketStatus status, Platform platform = Platform.Photon) =>
        new(EarlierId, "PS-3", platform, status, Monday);

    [Fact]
    public void A_device_with_an_open_ticket_is_sent_to_that_ticket()
    {
        var decision = OpenTicket.Decide(Report(), NewId, "PS-9", [Earlier(TicketStatus.InRecovery)], Now);

        decision.Refusal!.Type.ShouldBe("urn:photonsupport:problem:device-has-open-ticket");
        decision.Refusal.Detail.ShouldContain("PS-3");
        decision.Refusal.Detail.ShouldContain(EarlierId.ToString());
        decision.Refusal.ExistingTicket.ShouldBe(new TicketRef(EarlierId, "PS-3"));
        decision.Events.ShouldBeEmpty();
    }

    [Fact]
    public void A_device_whose_tickets_are_all_resolved_gets_a_new_one() =>
        OpenTicket.Decide(Report(), NewId, "PS-9", [Earlier(TicketStatus.Resolved)], Now)
            .Events.ShouldHaveSingleItem().ShouldBeOfType<DeviceReported>().Reference.ShouldBe("PS-9");

    [Fact]
    public void A_platform_that_contradicts_the_devices_earlier_tickets_is_refused_naming_the_known_one()
    {
        var decision = OpenTicket.Decide(Report("Electron"), NewId, "PS-9", [Earlier(TicketStatus.Resolved, Platform.Photon)], Now);

        decision.Refusal!.Type.ShouldBe("urn:photonsupport:problem:platform-contradicts-device");
        decision.Refusal.Detail.ShouldContain("known as a Photon");
        decision.Events.ShouldBeEmpty();
    }

    [Fact]
    public void Reopening_while_the_device_has_another_open_ticket_is_refused_naming_it()
    {
        var decision = ReopenTicket.Decide(Given(PhotonReported(), Resolved()), new ReopenTicket(TicketId, "red again", null, "owner"),
            [new EarlierTicket(TicketId, "PS-1", Platform.Photon, TicketStatus.Resolved, Monday), Earlier(TicketStatus.Open)], Now);

        decision.Refusal!.Type.ShouldBe("urn:photonsupport:problem:device-has-open-ticket");
        decision.Refusal.ExistingTicket.ShouldBe(new TicketRef(EarlierId, "PS-3"));
        decision.Events.ShouldBeEmpty();
    }

    [Fact]
    public void Reopening_when_the_devices_other_tickets_are_resolved_opens_it_again() =>
        ReopenTicket.Decide(Given(PhotonReported(), Resolved()), new ReopenTicket(TicketId, "red again", null, "owner"),
            [new EarlierTicket(TicketId, "PS-1", Platform.Photon, TicketStatus.Resolved, Monday), Earlier(TicketStatus.Resolved)], Now)
            .Events.ShouldHaveSingleItem().ShouldBeOfType<TicketReopened>();

    [Fact]
    public void A_second_job_of_a_ticket_waits_while_the_first_is_on_the_bench()
    {
        var first = Guid.Parse("0194f5d2-0000-7000-8000-0000000000a1");
        var second = Guid.Parse("0194f5d2-0000-7000-8000-0000000000a2");
        var ticket = Given(PhotonReported(), BackupFromEmail(),
            new RecoveryJobQueued(TicketId, first, RecoveryJobKind.Backup, DeviceId, Platform.Photon, "support", Monday.AddHours(2)),
            new RecoveryJobQueued(TicketId, second, RecoveryJobKind.RestoreServerKey, DeviceId, Platform.Photon, "support", Monday.AddHours(2)),
            new RecoveryJobClaimed(TicketId, first, Guid.Parse("0194f5d2-0000-7000-8000-0000000000c1"), "bench-1", "bench one", 1, Monday.AddHours(4), Monday.AddHours(3)));

        var decision = ClaimRecoveryJob.Decide(ticket, new ClaimRecoveryJob(TicketId, second, Guid.Parse("0194f5d2-0000-7000-8000-0000000000c2"), "bench-2", "bench two", [DeviceId], TimeSpan.FromMinutes(1)), Now);

        decision.Refusal!.Type.ShouldBe("urn:photonsupport:problem:device-busy");
        decision.Events.ShouldBeEmpty();
    }
}
