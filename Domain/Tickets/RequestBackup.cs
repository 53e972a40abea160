using FluentValidation;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.Domain.Tickets;

/// <summary>Ask the owner for a flash image before anything on the device is overwritten.</summary>
public sealed record RequestBackup(Guid TicketId, long? ExpectedVersion, string Actor) : ITicketCommand
{
    public static Decision Decide(Ticket ticket, RequestBackup command, DateTimeOffset now) =>
        TicketGuards.RefuseIfResolved(ticket, "request a backup")
        ?? Decision.Accept(new BackupRequested(ticket.Id, ticket.OwnerEmail,
            PlatformCatalog.BackupCommands(ticket.Platform, ticket.DeviceId), command.Actor, now));
}

public sealed class RequestBackupValidator : AbstractValidator<RequestBackup>
{
    public RequestBackupValidator() => this.ValidatesTicketCommand();
}
