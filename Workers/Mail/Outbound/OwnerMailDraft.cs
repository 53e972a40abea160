using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Workers.Mail.Outbound;

/// <summary>
/// What a mail to an owner will say, before it has headers: the template (a pair of files under
/// Workers/Mail/Templates) and the values for its placeholders. <see cref="InReplyTo"/> is the owner's
/// Message-ID when the mail answers one of theirs.
/// </summary>
public sealed record OwnerMailDraft(
    Guid TicketId, string Reference, OwnerMailKind Kind, string To, string Template,
    IReadOnlyDictionary<string, string> Values, string? InReplyTo = null);
