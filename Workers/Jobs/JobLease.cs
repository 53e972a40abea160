namespace PhotonSupport.Workers.Jobs;

/// <summary>
/// The live lease on a claimed job. Heartbeats move <see cref="ExpiresAt"/> and report progress many
/// times a minute; that is operational state, not history, so it is a document and not events.
/// </summary>
public sealed class JobLease
{
    /// <summary>The job id.</summary>
    public Guid Id { get; set; }

    public Guid TicketId { get; set; }

    /// <summary>The holder's API key id; two keys may share a name, never an id.</summary>
    public string AgentId { get; set; } = "";

    /// <summary>The holder's key name, for people to read.</summary>
    public string AgentName { get; set; } = "";

    /// <summary>The current claim's lock token; work that names another claim is refused.</summary>
    public Guid ClaimId { get; set; }

    public int Attempt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public int? ProgressPercent { get; set; }

    public string? ProgressMessage { get; set; }
}
