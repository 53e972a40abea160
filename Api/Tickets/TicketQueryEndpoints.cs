using JasperFx.Events;
using Marten;
using Marten.Pagination;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Domain;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Api.Tickets;

public sealed record TimelineEntry(long Version, string Type, DateTimeOffset At, string Actor, object Data);

public sealed record TicketListItem(Guid Id, string Reference, string DeviceId, Platform Platform, string OwnerEmail, TicketStatus Status, DateTimeOffset UpdatedAt);

public sealed record TicketPage(IReadOnlyList<TicketListItem> Items, int Page, int PageSize, long Total);

public static class TicketQueryEndpoints
{
    public const int MaxPageSize = 200;

    public static void MapTicketQueries(this RouteGroupBuilder tickets)
    {
        tickets.MapGet("/{id:guid}", GetTicketAsync).WithName("GetTicket").Produces<Ticket>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        tickets.MapGet("/{id:guid}/events", GetTimelineAsync).WithName("GetTicketTimeline").Produces<TimelineEntry[]>().ProducesProblem(StatusCodes.Status404NotFound);
        tickets.MapGet("/", ListTicketsAsync).WithName("ListTickets").Produces<TicketPage>().ProducesValidationProblem();
    }

    /// <summary>The ticket now, or, with <c>version</c> or <c>asOf</c>, rebuilt from its stream as it stood then.</summary>
    private static async Task<IResult> GetTicketAsync(Guid id, long? version, DateTimeOffset? asOf, IQuerySession session, CancellationToken ct)
    {
        if (version is < 1) return ProblemResults.BadQuery("version", "'version' is a stream version, 1 or more.");

        var ticket = version is null && asOf is null
            ? await session.LoadAsync<Ticket>(id, ct)
            : await session.Events.AggregateStreamAsync<Ticket>(id, version ?? 0, asOf?.ToUniversalTime(), token: ct);
        return ticket is null
            ? ProblemResults.NotFound(asOf is null ? $"There is no ticket {id}." : $"Ticket {id} did not exist at {asOf:O}.")
            : Results.Ok(ticket);
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

    /// <summary>The queue, most recently touched first; every filter is an indexed column.</summary>
    private static async Task<IResult> ListTicketsAsync(
        string? status, string? platform, string? deviceId, string? ownerEmail, int? page, int? pageSize,
        IQuerySession session, CancellationToken ct)
    {
        var query = session.Query<Ticket>().AsQueryable();
        if (status is not null)
        {
            if (!EnumNames.TryParse<TicketStatus>(status, out var s))
                return ProblemResults.BadQuery("status", $"'status' must be one of {string.Join(", ", EnumNames.Of<TicketStatus>())}.");
            query = query.Where(t => t.Status == s);
        }
        if (platform is not null)
        {
            if (!EnumNames.TryParse<Platform>(platform, out var p))
                return ProblemResults.BadQuery("platform", $"'platform' must be one of {string.Join(", ", PlatformCatalog.Names)}.");
            query = query.Where(t => t.Platform == p);
        }
        if (deviceId is not null)
        {
            if (!DeviceIds.IsValid(deviceId)) return ProblemResults.BadQuery("deviceId", "'deviceId' must be 24 hexadecimal characters.");
            var normalized = DeviceIds.Normalize(deviceId);
            query = query.Where(t => t.DeviceId == normalized);
        }
        if (ownerEmail is not null)
        {
            var owner = ownerEmail.Trim();
            query = query.Where(t => t.OwnerEmail == owner);
        }
        // Past the last page a row could be on, (page - 1) * pageSize would overflow the paging's int arithmetic.
        if (page is < 1 or > int.MaxValue / MaxPageSize) return ProblemResults.BadQuery("page", $"'page' is between 1 and {int.MaxValue / MaxPageSize}.");
        if (pageSize is < 1 or > MaxPageSize) return ProblemResults.BadQuery("pageSize", $"'pageSize' must be between 1 and {MaxPageSize}.");

        var found = await query.OrderByDescending(t => t.UpdatedAt).ToPagedListAsync(page ?? 1, pageSize ?? 50, ct);
        var items = found.Select(t => new TicketListItem(t.Id, t.Reference, t.DeviceId, t.Platform, t.OwnerEmail, t.Status, t.UpdatedAt)).ToArray();
        return Results.Ok(new TicketPage(items, (int)found.PageNumber, (int)found.PageSize, found.TotalItemCount));
    }
}
