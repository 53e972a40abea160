namespace PhotonSupport.Workers.Mail.Inbound;

/// <summary>Which folder a handled mail is moved to.</summary>
public enum MailDisposition
{
    /// <summary>Its events are committed (or, for a machine's mail, it was noted or dropped on purpose).</summary>
    Processed,

    /// <summary>No ticket could take it: a person looks at it there; the reason is logged.</summary>
    Quarantined,
}

/// <summary>
/// What handling a mail did. <see cref="Automatic"/> for a machine's mail (never answered);
/// <see cref="Duplicate"/> when it had been handled before (by Message-ID) and nothing new was appended.
/// </summary>
public sealed record InboundMailOutcome(MailDisposition Disposition, string Reason, Guid? TicketId = null, bool Automatic = false, bool Duplicate = false)
{
    public static InboundMailOutcome Processed(Guid? ticketId, string reason, bool automatic = false) => new(MailDisposition.Processed, reason, ticketId, automatic);

    public static InboundMailOutcome Quarantined(string reason) => new(MailDisposition.Quarantined, reason);
}
