using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Jobs;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Agents;

namespace PhotonSupport.Workers.Jobs;

/// <summary>What a claim gave the agent, or why it got nothing.</summary>
public sealed record ClaimResult(
    Guid JobId, Guid ClaimId, Guid TicketId, RecoveryJobKind Kind, string DeviceId, Platform Platform, DateTimeOffset LeaseExpiresAt,
    IReadOnlyDictionary<string, string> Parameters, Refusal? Refusal);

/// <summary>
/// A claim as a bench makes it: the decision's command and the devices the bench listed, so the claim,
/// its lease and the agent's registry entry are one commit.
/// </summary>
public sealed record ClaimForBench(ClaimRecoveryJob Claim, IReadOnlyList<AttachedDevice> Devices)
{
    public Guid TicketId => Claim.TicketId;
}

/// <summary>Scheduled for the moment a lease would run out; finds out whether heartbeats kept it alive.</summary>
public sealed record CheckRecoveryJobLease(Guid TicketId, Guid JobId, int Attempt);

/// <summary>
/// A job ended in a way the owner should hear about. Sent through the durable outbox once the
/// events are committed; <c>OwnerMailHandler</c> turns it into the owner's status mail.
/// </summary>
public sealed record RecoveryJobOutcomeForOwner(
    Guid TicketId, string Reference, string OwnerEmail, string DeviceId, Platform Platform, Guid JobId, RecoveryJobKind Kind, JobOutcome Outcome, string? Details)
{
    public static IEnumerable<RecoveryJobOutcomeForOwner> For(Ticket ticket, IEnumerable<object> events) =>
        events.Select(e => e switch
        {
            RecoveryJobSucceeded s => From(ticket, s.JobId, s.Kind, JobOutcome.Succeeded, s.Details),
            RecoveryJobFailed f => From(ticket, f.JobId, f.Kind, JobOutcome.Failed, f.Reason),
            RecoveryJobLeaseExpired { Requeued: false } x => From(ticket, x.JobId, x.Kind, JobOutcome.Failed, "the bench lost contact with the job"),
            _ => null,
        }).OfType<RecoveryJobOutcomeForOwner>();

    private static RecoveryJobOutcomeForOwner From(Ticket ticket, Guid jobId, RecoveryJobKind kind, JobOutcome outcome, string? details) =>
        new(ticket.Id, ticket.Reference, ticket.OwnerEmail, ticket.DeviceId, ticket.Platform, jobId, kind, outcome, details);
}
