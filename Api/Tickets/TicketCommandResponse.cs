using PhotonSupport.Api.Hosting;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Tickets;

namespace PhotonSupport.Api.Tickets;

/// <summary>The answer to a command: enough to send the next one with an expected version.</summary>
public sealed record TicketCommandResponse(Guid Id, string Reference, TicketStatus Status, long Version)
{
    public static TicketCommandResponse From(TicketCommandResult result) => new(result.TicketId, result.Reference, result.Status, result.Version);

    /// <summary>The problem member that points a refusal at the ticket to turn to instead.</summary>
    public const string ExistingTicketMember = "existingTicket";

    /// <summary>404 when the handler found no ticket, 409 when a rule refused, otherwise <paramref name="accepted"/>.</summary>
    public static IResult ToHttp(Guid ticketId, TicketCommandResult? result, Func<TicketCommandResponse, IResult> accepted) => result switch
    {
        null => ProblemResults.NotFound($"There is no ticket {ticketId}."),
        { Refusal: { } refusal } => Refused(refusal),
        _ => accepted(From(result)),
    };

    public static IResult Refused(Refusal refusal)
    {
        var problem = ProblemResults.Refused(refusal);
        if (refusal.ExistingTicket is { } existing)
            problem.Extensions[ExistingTicketMember] = new { id = existing.Id, reference = existing.Reference, href = TicketRoutes.Ticket(existing.Id) };
        return Results.Problem(problem);
    }
}
