using PhotonSupport.Api.Hosting;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Tickets;
using Wolverine;

namespace PhotonSupport.Api.Tickets;

public sealed record CancelJobRequest(string? Reason, long? ExpectedVersion);

public static class CancelJobEndpoint
{
    public static void MapCancelJob(this RouteGroupBuilder tickets) =>
        tickets.MapPost("/{id:guid}/jobs/{jobId:guid}/cancel", async (Guid id, Guid jobId, CancelJobRequest body, HttpContext http, IMessageBus bus, CancellationToken ct) =>
        {
            var result = await bus.InvokeAsync<TicketCommandResult?>(new CancelRecoveryJob(id, jobId, body.Reason!, body.ExpectedVersion, Actors.Of(http)), ct);
            return TicketCommandResponse.ToHttp(id, result, Results.Ok);
        })
        .WithName("CancelRecoveryJob").ProducesCommand<TicketCommandResponse>();
}
