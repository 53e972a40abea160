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

    public string AgentId { get; set; } = "";

    public int Attempt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public int? ProgressPercent { get; set; }

    public string? ProgressMessage { get; set; }
}
