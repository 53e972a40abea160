using Marten;
using Npgsql;
using NpgsqlTypes;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Tickets;

namespace PhotonSupport.Benchmarks.Scenarios;

/// <summary>
/// The floor the database sets under a ticket open: the rows Marten writes for it (a stream row, two event rows,
/// the inline Ticket snapshot row), inserted with bare Npgsql as four INSERTs in one batch and one transaction,
/// into copies of Marten's own tables (same columns, defaults, indexes and foreign key) in a schema of their own,
/// with the same JSON bodies. No locks, no reads, no upsert: only the rows.
/// </summary>
public sealed class RawTicketRows(NpgsqlDataSource dataSource, ISerializer serializer) : IAsyncDisposable
{
    private const string Schema = "bench_raw";
    private static long _references;

    public static async Task<RawTicketRows> CreateAsync(string connectionString, IDocumentStore store)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        var marten = TicketStore.Schema;
        await using var command = dataSource.CreateCommand($"""
            drop schema if exists {Schema} cascade;
            create schema {Schema};
            create table {Schema}.streams (like {marten}.mt_streams including all);
            create table {Schema}.events (like {marten}.mt_events including all);
            alter table {Schema}.events add foreign key (stream_id) references {Schema}.streams (id) on delete cascade;
            create sequence {Schema}.events_sequence;
            create table {Schema}.tickets (like {marten}.mt_doc_ticket including all);
            """);
        await command.ExecuteNonQueryAsync();
        return new RawTicketRows(dataSource, store.Options.Serializer());
    }

    public async Task InsertAsync(CancellationToken cancellation)
    {
        var ticketId = Guid.CreateVersion7();
        var deviceId = TicketTraffic.NewDeviceId();
        var events = TicketTraffic.Events(ticketId, deviceId, Interlocked.Increment(ref _references));
        var ticket = events.Aggregate((Ticket?)null, Ticket.Evolve)!;
        ticket.Version = events.Count;
        var now = DateTimeOffset.UtcNow;

        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command($"insert into {Schema}.streams (id, type, version, timestamp, created) values ($1, $2, $3, $4, $4)",
            ticketId, "ticket", (long)events.Count, now));
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            batch.BatchCommands.Add(Command(
                $"insert into {Schema}.events (seq_id, id, stream_id, version, data, type, timestamp, mt_dotnet_type) " +
                $"values (nextval('{Schema}.events_sequence'), $1, $2, $3, $4, $5, $6, $7)",
                Guid.CreateVersion7(), ticketId, (long)(i + 1), Jsonb(serializer.ToJson(e)), e.GetType().Name, now, e.GetType().FullName!));
        }
        batch.BatchCommands.Add(Command(
            $"insert into {Schema}.tickets (id, data, mt_dotnet_type, mt_version, status, platform, device_id, owner_email, updated_at) " +
            "values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            ticketId, Jsonb(serializer.ToJson(ticket)), typeof(Ticket).FullName!, (long)events.Count, ticket.Status.ToString(),
            ticket.Platform.ToString(), ticket.DeviceId, ticket.OwnerEmail, ticket.UpdatedAt));
        await batch.ExecuteNonQueryAsync(cancellation);
        await transaction.CommitAsync(cancellation);
    }

    private static NpgsqlParameter Jsonb(string json) => new() { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb };

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        return command;
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
