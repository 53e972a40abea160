using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Workers.Mail.Outbound;

/// <summary>
/// What a mail to an owner will say, before it has headers: the template (a pair of files under
/// Workers/Mail/Templates) and the values for its placeholders. <see cref="InReplyTo"/> is the owner's
/// Message-ID when the mail answers one of theirs.
/// </summary>
public sealed record OwnerMailDraft(
    Guid TicketId, string Reference, OwnerMailKind Kind, string To, string Template,
    IReadOnlyDictionary<string, string> Values, string? InReplyTo = null)
{
    /// <summary>A mail to the ticket's owner; every template may also name the device by <c>{{platform}}</c> and <c>{{deviceId}}</c>.</summary>
    public static OwnerMailDraft About(Ticket ticket, OwnerMailKind kind, string template, Dictionary<string, string> values, string? inReplyTo = null) =>
        new(ticket.Id, ticket.Reference, kind, ticket.OwnerEmail, template,
            new Dictionary<string, string>(values) { ["platform"] = ticket.Platform.ToString(), ["deviceId"] = ticket.DeviceId }, inReplyTo);
}
