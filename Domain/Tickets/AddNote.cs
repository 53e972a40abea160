using FluentValidation;

namespace PhotonSupport.Domain.Tickets;

/// <summary>Anyone on the case writes something down; resolved tickets take notes too.</summary>
public sealed record AddNote(Guid TicketId, string Text, long? ExpectedVersion, string Actor) : ITicketCommand
{
    public static Decision Decide(Ticket ticket, AddNote command, DateTimeOffset now) =>
        Decision.Accept(new NoteAdded(ticket.Id, command.Text, command.Actor, now));
}

public sealed class AddNoteValidator : AbstractValidator<AddNote>
{
    public AddNoteValidator()
    {
        this.ValidatesTicketCommand();
        RuleFor(c => c.Text).RequiredText();
    }
}
