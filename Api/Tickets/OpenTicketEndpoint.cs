using PhotonSupport.Api.Hosting;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Tickets;
using Wolverine;

namespace PhotonSupport.Api.Tickets;

public sealed record OpenTicketRequest(string? DeviceId, string? Platform, string? OwnerEmail, string? Symptom, string? LedPattern);

public static class OpenTicketEndpoint
{
    public static void MapOpenTicket(this RouteGroupBuilder tickets) =>
        tickets.MapPost("/", async (OpenTicketRequest body, HttpContext http, IMessageBus bus, CancellationToken cancellation) =>
        {
            // Nulls go through on purpose: the validator names every missing field in one answer.
            var command = new OpenTicket(body.DeviceId!, body.Platform!, body.OwnerEmail!, body.Symptom!, body.LedPattern, Actors.Of(http));
            var opened = await bus.InvokeAsync<TicketCommandResult>(command, cancellation);
            return opened.Refusal is { } refusal
                ? TicketCommandResponse.Refused(refusal)
                : Results.Created(TicketRoutes.Ticket(opened.TicketId), TicketCommandResponse.From(opened));
        })
        .WithName("OpenTicket")
        .Produces<TicketCommandResponse>(StatusCodes.Status201Created)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict);
}
