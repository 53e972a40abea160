using JasperFx.Events;
using JasperFx.Events.Grouping;
using Marten;
using Marten.Events.Aggregation;
using Marten.Events.Projections;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Workers.Devices;

/// <summary>
/// One history per device id, fed by every ticket stream of that device. Runs in the async daemon:
/// reading it a moment behind the tickets is fine, slowing every ticket command down is not.
/// </summary>
public sealed class DeviceHistoryProjection : MultiStreamProjection<DeviceHistory, string>
{
    /// <summary>The projection's name, as <see cref="ReadModels.ProjectionFreshness"/> and the daemon's progress know it.</summary>
    public const string ProjectionName = nameof(DeviceHistory);

    public DeviceHistoryProjection()
    {
        Name = ProjectionName;
        CustomGrouping(GroupByDeviceAsync);
    }

    /// <summary>
    /// A stream's <see cref="DeviceReported"/> is folded before its later events (one stream, one device, in sequence
    /// order), so the ticket's reference is on the history by the time they come.
    /// </summary>
    public override DeviceHistory? Evolve(DeviceHistory? history, string deviceId, IEvent e)
    {
        if (e.Data is not ITicketEvent ticketEvent) return history;
        history ??= new DeviceHistory { DeviceId = deviceId };
        if (e.Data is DeviceReported reported) history.Tickets.Add(new DeviceTicket(e.StreamId, reported.Reference, reported.ReportedAt));
        var reference = history.Tickets.First(t => t.TicketId == e.StreamId).Reference;
        history.Entries.Add(new DeviceHistoryEntry(e.StreamId, reference, e.Version, e.Sequence, e.EventType.Name, ticketEvent.OccurredAt, ticketEvent.Actor));
        return history;
    }

    /// <summary>
    /// Only <see cref="DeviceReported"/> names the device; later events of a stream find it through the
    /// ticket snapshot, which is committed with (and so before) them.
    /// </summary>
    private static async Task GroupByDeviceAsync(IQuerySession session, IReadOnlyList<IEvent> events, IEventGrouping<string> grouping)
    {
        var deviceOf = events.Select(e => e.Data).OfType<DeviceReported>().ToDictionary(r => r.TicketId, r => r.DeviceId);
        var unknown = events.Select(e => e.StreamId).Distinct().Where(id => !deviceOf.ContainsKey(id)).ToArray();
        if (unknown.Length > 0)
        {
            var tickets = await session.Query<Ticket>().Where(t => unknown.Contains(t.Id)).Select(t => new { t.Id, t.DeviceId }).ToListAsync();
            foreach (var ticket in tickets) deviceOf[ticket.Id] = ticket.DeviceId;
        }

        foreach (var e in events)
        {
            if (deviceOf.TryGetValue(e.StreamId, out var deviceId)) grouping.AddEvent(deviceId, e);
        }
    }
}
