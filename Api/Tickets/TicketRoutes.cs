using PhotonSupport.Api.Auth;

namespace PhotonSupport.Api.Tickets;

public static class TicketRoutes
{
    public static string Ticket(Guid id) => $"/api/tickets/{id}";

    public static void MapTickets(this IEndpointRouteBuilder app)
    {
        var tickets = app.MapGroup("/api/tickets").WithTags("Tickets").RequireAuthorization(Policies.Staff);
        tickets.MapOpenTicket();
        tickets.MapTicketCommands();
        tickets.MapTicketQueries();
        tickets.MapCancelJob();
        tickets.MapTicketChanges();
    }
}
