using FluentValidation;

namespace PhotonSupport.Domain.Tickets;

/// <summary>
/// Someone wrote to the desk about the ticket. <see cref="Text"/> is the new text only (quoted history
/// already stripped). Anyone's mail is kept, since a colleague of the owner may write; the event says
/// whether it was the owner.
/// </summary>
public sealed record RecordCustomerReply(Guid TicketId, string MessageId, string From, string Subject, string Text) : ITicketCommand
{
    long? ITicketCommand.ExpectedVersion => null;
    string ITicketCommand.Actor => From;

    /// <summary>Resolved tickets take replies too: an owner answering after the end is a reason to reopen, never to drop the mail.</summary>
    public static Decision Decide(Ticket ticket, RecordCustomerReply command, DateTimeOffset now) =>
        Decision.Accept(new CustomerReplied(ticket.Id, command.MessageId, command.From,
            FromOwner: string.Equals(command.From.Trim(), ticket.OwnerEmail.Trim(), StringComparison.OrdinalIgnoreCase),
            command.Subject, command.Text, now));
}

public sealed class RecordCustomerReplyValidator : AbstractValidator<RecordCustomerReply>
{
    public RecordCustomerReplyValidator()
    {
        this.ValidatesTicketCommand();
        RuleFor(c => c.MessageId).NotEmpty();
        RuleFor(c => c.From).NotEmpty();
        // Long mails are cut by the reader of the mail, not refused: the rule guards the event's size.
        RuleFor(c => c.Text).MaximumLength(TicketValidation.MaxTextLength);
    }
}
