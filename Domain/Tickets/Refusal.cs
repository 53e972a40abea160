namespace PhotonSupport.Domain.Tickets;

/// <summary>
/// A business rule said no. <see cref="Type"/> is stable and documented: clients branch on it,
/// so a rule's type never changes once published.
/// </summary>
public sealed record Refusal(string Type, string Title, string Detail);

public static class TicketRules
{
    private const string Prefix = "urn:photonsupport:problem:";

    public const string BackupRequired = Prefix + "backup-required";
    public const string TicketResolved = Prefix + "ticket-resolved";
    public const string TicketNotResolved = Prefix + "ticket-not-resolved";
    public const string JobsInFlight = Prefix + "jobs-in-flight";
    public const string JobAlreadyQueued = Prefix + "job-already-queued";
    public const string JobKindNotForPlatform = Prefix + "job-kind-not-for-platform";
    public const string StaleVersion = Prefix + "stale-version";
}
