using JasperFx.Events;
using Marten;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Jobs;

namespace PhotonSupport.Api.Tickets;

public sealed record TimelineEntry(long Version, string Type, DateTimeOffset At, string Actor, object Data);

/// <summary>What staff read: a ticket (now or as it stood), its timeline, the queue. Each answers with a read model, never the domain's state.</summary>
public static class TicketQueryEndpoints
{
    public static void MapTicketQueries(this RouteGroupBuilder tickets)
    {
        tickets.MapGet("/{id:guid}", GetTicketAsync).WithName("GetTicket").Produces<TicketDetails>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        tickets.MapGet("/{id:guid}/events", GetTimelineAsync).WithName("GetTicketTimeline").Produces<TimelineEntry[]>().ProducesProblem(StatusCodes.Status404NotFound);
        tickets.MapGet("/", ListTicketsAsync).WithName("ListTickets").Produces<TicketPage>().ProducesValidationProblem();
    }

    /// <summary>The ticket now, or, with <c>version</c> or <c>asOf</c>, rebuilt from its stream as it stood then.</summary>
    private static async Task<IResult> GetTicketAsync(Guid id, long? version, DateTimeOffset? asOf, IQuerySession session, CancellationToken ct)
    {
        if (version is < 1) return ProblemResults.BadQuery("version", "'version' is a stream version, 1 or more.");
        if (await session.LoadAsync<Ticket>(id, ct) is not { } current) return ProblemResults.NotFound($"There is no ticket {id}.");
        if (version > current.Version)
            return ProblemResults.NotFound($"Ticket {current.Reference} has {current.Version} versions; there is no version {version}.");
        if (version is null && asOf is null) return Results.Ok(TicketDetails.From(current, await LeasesAsync(session, current, ct)));

        var then = await session.Events.AggregateStreamAsync<Ticket>(id, version ?? 0, asOf?.ToUniversalTime(), token: ct);
        return then is null
            ? ProblemResults.NotFound($"Ticket {current.Reference} did not exist at {asOf:O}.")
            : Results.Ok(TicketDetails.From(then, new Dictionary<Guid, JobLease>()));
    }

    /// <summary>The leases of the ticket's claimed or finished jobs: what their benches last reported.</summary>
    private static async Task<IReadOnlyDictionary<Guid, JobLease>> LeasesAsync(IQuerySession session, Ticket ticket, CancellationToken ct)
    {
        var claimed = ticket.Jobs.Where(j => j.State != RecoveryJobState.Queued).Select(j => j.JobId).ToArray();
        if (claimed.Length == 0) return new Dictionary<Guid, JobLease>();
        var leases = await session.LoadManyAsync<JobLease>(ct, claimed);
        return leases.ToDictionary(l => l.Id);
    }

    private static async Task<IResult> GetTimelineAsync(Guid id, IQuerySession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        if (events.Count == 0) return ProblemResults.NotFound($"There is no ticket {id}.");
        return Results.Ok(events.Select(Entry).ToArray());

        static TimelineEntry Entry(IEvent e) => e.Data is ITicketEvent t
            ? new TimelineEntry(e.Version, e.EventType.Name, t.OccurredAt, t.Actor, e.Data)
            : new TimelineEntry(e.Version, e.EventType.Name, e.Timestamp, "system", e.Data);
    }

    /// <summary>The queue, most recently updated first, a page at a time (see <see cref="TicketQueue"/>).</summary>
    private static async Task<IResult> ListTicketsAsync([AsParameters] TicketQueueQuery query, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var queue = TicketQueue.From(query, http.Request.Query, Actors.Of(http));
        return queue.Refused ?? Results.Ok(await queue.ReadAsync(session, ct));
    }
}
