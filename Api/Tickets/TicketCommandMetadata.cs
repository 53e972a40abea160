namespace PhotonSupport.Api.Tickets;

/// <summary>What a command on a ticket answers, for the OpenAPI document: its response, or a problem.</summary>
public static class TicketCommandMetadata
{
    /// <summary>
    /// <typeparamref name="TResponse"/> with <paramref name="status"/>; 400 for invalid input, 404 for no such ticket
    /// (or job), 409 for a rule that refused it or a stale expected version.
    /// </summary>
    public static RouteHandlerBuilder ProducesCommand<TResponse>(this RouteHandlerBuilder endpoint, int status = StatusCodes.Status200OK) =>
        endpoint.Produces<TResponse>(status).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
