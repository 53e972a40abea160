using Marten;

namespace PhotonSupport.Benchmarks.Scenarios;

/// <summary>
/// Issue 17, point 1: tickets opened per second at 1, 8 and 32 concurrent clients, three ways side by side —
/// <c>POST /api/tickets</c> through the whole Api (Kestrel, API key, validation, Wolverine, advisory lock,
/// reference sequence, Marten, inline projections, async daemon running); the same two events appended with
/// Marten in-process on the Api's own store (<c>StartStream&lt;Ticket&gt;</c>, the same inline projections);
/// and the same rows inserted with bare Npgsql (<see cref="RawTicketRows"/>).
/// </summary>
public static class ThroughputScenario
{
    public const string Name = "throughput";
    private static readonly int[] Clients = [1, 8, 32];

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchApi api, string connectionString, bool quick, TextWriter log)
    {
        var warmUp = TimeSpan.FromSeconds(quick ? 1 : 2);
        var duration = TimeSpan.FromSeconds(quick ? 3 : 10);
        await using var raw = await RawTicketRows.CreateAsync(connectionString, api.Store);
        var figures = new List<Figure>();
        foreach (var clients in Clients)
        {
            var http = await MeasureAsync($"POST /api/tickets, {clients} client(s)", clients, warmUp, duration, log, c => TicketTraffic.OpenAsync(api.Staff, c));
            var marten = await MeasureAsync($"Marten StartStream, {clients} client(s)", clients, warmUp, duration, log, c => AppendWithMartenAsync(api.Store, c));
            var npgsql = await MeasureAsync($"Npgsql 4 inserts, {clients} client(s)", clients, warmUp, duration, log, raw.InsertAsync);
            figures.Add(new Figure(Name, http, marten));
            figures.Add(new Figure(Name, marten, npgsql));
        }
        return figures;
    }

    private static async Task<Measurement> MeasureAsync(string name, int clients, TimeSpan warmUp, TimeSpan duration, TextWriter log,
        Func<CancellationToken, Task> operation)
    {
        await Load.ClosedAsync(clients, warmUp, operation);
        var perSecond = await Load.ClosedAsync(clients, duration, operation);
        var measurement = new Measurement(name, "requests/s", perSecond);
        log.WriteLine($"  {name}: {measurement.Median:N0}/s (median of {perSecond.Count} one-second windows)");
        return measurement;
    }

    private static long _references;

    /// <summary>The append alone: the ticket reference comes from a counter here, not the database sequence the Api reads.</summary>
    public static async Task AppendWithMartenAsync(IDocumentStore store, CancellationToken cancellation)
    {
        var ticketId = Guid.CreateVersion7();
        await using var session = store.LightweightSession();
        session.Events.StartStream<Domain.Tickets.Ticket>(ticketId,
            TicketTraffic.Events(ticketId, TicketTraffic.NewDeviceId(), Interlocked.Increment(ref _references)));
        await session.SaveChangesAsync(cancellation);
    }
}
