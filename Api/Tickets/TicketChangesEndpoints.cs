using Marten;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Api.Tickets;

/// <summary>One event of a ticket's stream as a watcher sees it: what the timeline shows, without the event's data.</summary>
public sealed record TicketChange(Guid TicketId, string? Reference, long Version, string Type, DateTimeOffset At, string Actor);

/// <summary>What a bench agent last reported while it works on a job; heartbeats carry it, no event records it.</summary>
public sealed record JobProgress(Guid TicketId, Guid JobId, int? ProgressPercent, string? Message);

/// <summary>
/// Server-sent events of ticket changes, for one ticket or the whole queue: each event with its global sequence as the
/// SSE id, so a client that reconnects with <c>Last-Event-ID</c> (or <c>?after=</c>) gets what it missed first.
/// </summary>
public static class TicketChangesEndpoints
{
    public const string ContentType = "text/event-stream";
    public const string LastEventIdHeader = "Last-Event-ID";

    public static IServiceCollection AddTicketChanges(this IServiceCollection services)
    {
        var commits = new TicketCommits();
        services.AddSingleton(commits);
        services.AddSingleton<TicketChangeStream>();
        return services.ConfigureMarten(opts => opts.Listeners.Add(commits));
    }

    public static void MapTicketChanges(this RouteGroupBuilder tickets)
    {
        tickets.MapGet("/changes", WatchQueueAsync).WithName("WatchTicketQueue")
            .Produces<TicketChange>(StatusCodes.Status200OK, ContentType).ProducesValidationProblem();
        tickets.MapGet("/{id:guid}/changes", WatchTicketAsync).WithName("WatchTicket")
            .Produces<TicketChange>(StatusCodes.Status200OK, ContentType).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> WatchTicketAsync(Guid id, long? after, HttpContext http, IQuerySession session, TicketChangeStream stream)
    {
        if (await session.LoadAsync<Ticket>(id, http.RequestAborted) is null) return ProblemResults.NotFound($"There is no ticket {id}.");
        return await WatchAsync(http, after, session, stream, id);
    }

    private static Task<IResult> WatchQueueAsync(long? after, HttpContext http, IQuerySession session, TicketChangeStream stream) =>
        WatchAsync(http, after, session, stream, ticketId: null);

    private static async Task<IResult> WatchAsync(HttpContext http, long? after, IQuerySession session, TicketChangeStream stream, Guid? ticketId)
    {
        var lastEventId = http.Request.Headers[LastEventIdHeader].ToString();
        long? resumeAt = null;
        if (lastEventId.Length > 0)
        {
            if (!long.TryParse(lastEventId, out var sequence) || sequence < 0)
                return ProblemResults.BadQuery(LastEventIdHeader, $"'{LastEventIdHeader}' is the id of the last event received: a sequence number, 0 or more.");
            resumeAt = sequence;
        }
        if (after is < 0) return ProblemResults.BadQuery("after", "'after' is an event's sequence number, 0 or more.");

        // A reconnect says where it stopped; a first connection hears what happens from now on.
        var from = resumeAt ?? after ?? await LatestSequenceAsync(session, http.RequestAborted);
        await stream.RunAsync(http, ticketId, from);
        return Results.Empty;
    }

    private static async Task<long> LatestSequenceAsync(IQuerySession session, CancellationToken cancellation) =>
        (await session.Events.QueryAllRawEvents().OrderByDescending(e => e.Sequence).Take(1).ToListAsync(cancellation)).SingleOrDefault()?.Sequence ?? 0;
}
