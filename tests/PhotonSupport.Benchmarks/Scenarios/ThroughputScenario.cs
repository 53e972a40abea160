using Marten;

namespace PhotonSupport.Benchmarks.Scenarios;

/// <summary>
/// Issue 17, point 1: tickets opened per second at 1, 8 and 32 concurrent clients, three ways side by side —
/// <c>POST /api/tickets</c> through the whole Api (Kestrel, API key, validation, Wolverine, advisory lock,
/// reference sequence, Marten, inline projections, async daemon running); the same two events appended with
/// Marten in-process on the Api's own store (<c>StartStream&lt;Ticket&gt;</c>, the same inline projections);
/// and the same rows inserted with bare Npgsql (<see cref="RawTicketRows"/>). The three take turns
/// (<see cref="Rounds"/>); a sample is the count completed in one second.
/// </summary>
public static class ThroughputScenario
{
    public const string Name = "throughput";
    private const string Unit = "requests/s";
    private static readonly int[] Clients = [1, 8, 32];

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchApi api, string connectionString, bool quick, TextWriter log)
    {
        var (rounds, turn) = quick ? (3, TimeSpan.FromSeconds(1)) : (5, TimeSpan.FromSeconds(2));
        await using var raw = await RawTicketRows.CreateAsync(connectionString, api.Store);
        var figures = new List<Figure>();
        foreach (var clients in Clients)
        {
            Func<CancellationToken, Task>[] operations =
                [c => TicketTraffic.OpenAsync(api.Staff, c), c => AppendWithMartenAsync(api.Store, c), raw.InsertAsync];
            var samples = await Rounds.InTurnsAsync(rounds,
                operations.Select(o => (Func<Task<IReadOnlyList<double>>>)(() => Load.ClosedAsync(clients, turn, o))).ToArray());
            var http = new Measurement($"POST /api/tickets, {clients} client(s)", Unit, samples[0]);
            var marten = new Measurement($"Marten StartStream, {clients} client(s)", Unit, samples[1]);
            var npgsql = new Measurement($"Npgsql 4 inserts, {clients} client(s)", Unit, samples[2]);
            log.WriteLine($"  {clients} client(s): HTTP {http.Median:N0}/s, Marten {marten.Median:N0}/s, Npgsql {npgsql.Median:N0}/s");
            figures.Add(new Figure(Name, http, marten));
            figures.Add(new Figure(Name, marten, npgsql));
        }
        return figures;
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
