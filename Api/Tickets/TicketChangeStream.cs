using System.Text;
using System.Text.Json;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Jobs;

namespace PhotonSupport.Api.Tickets;

/// <summary>
/// Writes one watcher's server-sent events: ticket events read from the event store by global sequence, so every Api node
/// on the database serves the same stream, and job progress read from the leases the heartbeats move. It reads again when
/// a commit on this node lands, and every <see cref="PollInterval"/> for commits on others; it ends when the client goes
/// away or the Api stops.
/// </summary>
public sealed class TicketChangeStream(IDocumentStore store, TicketCommits commits, TimeProvider clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    IHostApplicationLifetime lifetime)
{
    public const string ProgressEvent = "progress";
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Proxies and load balancers drop a connection silent for about a minute; a comment well before that keeps it.</summary>
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    private const int Batch = 200;

    /// <summary>A queue watcher meets many tickets over a day; their references are cached up to this many, then read again.</summary>
    private const int MaxCachedReferences = 10_000;

    /// <summary>Streams the changes after sequence <paramref name="after"/> of one ticket, or of all when <paramref name="ticketId"/> is null.</summary>
    public async Task RunAsync(HttpContext http, Guid? ticketId, long after)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var cancellation = stop.Token;
        var response = http.Response;
        response.ContentType = TicketChangesEndpoints.ContentType;
        response.Headers.CacheControl = "no-cache";
        // nginx would otherwise hold the messages back in its buffer.
        response.Headers["X-Accel-Buffering"] = "no";
        var references = new Dictionary<Guid, string>();
        var progress = new Dictionary<Guid, JobProgress>();
        try
        {
            // Sent at once, so a client knows the stream is open (and from where it reads) before anything happens.
            await response.WriteAsync(": watching\n\n", cancellation);
            await response.Body.FlushAsync(cancellation);
            var quietSince = clock.GetTimestamp();
            while (!cancellation.IsCancellationRequested)
            {
                var woken = commits.Next;
                int written;
                bool more;
                await using (var session = store.QuerySession())
                {
                    var events = await EventsAfterAsync(session, ticketId, after, cancellation);
                    await ReferencesAsync(session, events, references, cancellation);
                    foreach (var e in events)
                    {
                        await WriteAsync(response, e.Sequence.ToString(), e.EventType.Name, Change(e, references), cancellation);
                        after = e.Sequence;
                    }
                    var reports = await ProgressAsync(session, ticketId, progress, cancellation);
                    foreach (var report in reports) await WriteAsync(response, null, ProgressEvent, report, cancellation);
                    (written, more) = (events.Count + reports.Count, events.Count == Batch);
                }

                if (written > 0 || clock.GetElapsedTime(quietSince) >= KeepAliveInterval)
                {
                    if (written == 0) await response.WriteAsync(": keep-alive\n\n", cancellation);
                    await response.Body.FlushAsync(cancellation);
                    quietSince = clock.GetTimestamp();
                }
                if (!more) await Task.WhenAny(woken, Task.Delay(PollInterval, clock, cancellation));
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The client went away or the Api is stopping: the stream simply ends.
        }
    }

    /// <summary>
    /// By sequence, the order a reconnect resumes in. An append whose transaction commits after a later-numbered one
    /// (two commands at the same instant) can be passed over; the timeline still has it.
    /// </summary>
    private static async Task<IReadOnlyList<IEvent>> EventsAfterAsync(IQuerySession session, Guid? ticketId, long after, CancellationToken cancellation)
    {
        var events = session.Events.QueryAllRawEvents().Where(e => e.Sequence > after);
        if (ticketId is { } id) events = events.Where(e => e.StreamId == id);
        return await events.OrderBy(e => e.Sequence).Take(Batch).ToListAsync(cancellation);
    }

    private static async Task ReferencesAsync(IQuerySession session, IReadOnlyList<IEvent> events, Dictionary<Guid, string> references, CancellationToken cancellation)
    {
        var unknown = events.Select(e => e.StreamId).Distinct().Where(id => !references.ContainsKey(id)).ToArray();
        if (unknown.Length == 0) return;
        if (references.Count + unknown.Length > MaxCachedReferences) references.Clear();
        foreach (var ticket in await session.LoadManyAsync<Ticket>(cancellation, unknown)) references[ticket.Id] = ticket.Reference;
    }

    /// <summary>The same who and when the timeline shows for the event.</summary>
    private static TicketChange Change(IEvent e, Dictionary<Guid, string> references) => e.Data is ITicketEvent t
        ? new TicketChange(e.StreamId, references.GetValueOrDefault(e.StreamId), e.Version, e.EventType.Name, t.OccurredAt, t.Actor)
        : new TicketChange(e.StreamId, references.GetValueOrDefault(e.StreamId), e.Version, e.EventType.Name, e.Timestamp, "system");

    /// <summary>The live leases' progress that differs from what this watcher was last sent.</summary>
    private async Task<List<JobProgress>> ProgressAsync(IQuerySession session, Guid? ticketId, Dictionary<Guid, JobProgress> sent, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var leases = session.Query<JobLease>().Where(l => l.ExpiresAt > now && (l.ProgressPercent != null || l.ProgressMessage != null));
        if (ticketId is { } id) leases = leases.Where(l => l.TicketId == id);
        var changed = new List<JobProgress>();
        foreach (var lease in await leases.ToListAsync(cancellation))
        {
            var report = new JobProgress(lease.TicketId, lease.Id, lease.ProgressPercent, lease.ProgressMessage);
            if (sent.TryGetValue(lease.Id, out var last) && last == report) continue;
            sent[lease.Id] = report;
            changed.Add(report);
        }
        return changed;
    }

    /// <summary>One SSE message; a message without an id leaves the client's last event id as it was, so resuming is unaffected.</summary>
    private Task WriteAsync(HttpResponse response, string? id, string type, object data, CancellationToken cancellation)
    {
        var message = new StringBuilder();
        if (id is not null) message.Append("id: ").Append(id).Append('\n');
        message.Append("event: ").Append(type).Append('\n');
        message.Append("data: ").Append(JsonSerializer.Serialize(data, json.Value.SerializerOptions)).Append("\n\n");
        return response.WriteAsync(message.ToString(), cancellation);
    }
}
