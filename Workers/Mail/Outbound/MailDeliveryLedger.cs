using Marten;
using Npgsql;
using PhotonSupport.Workers.Tickets;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;
using static Weasel.Postgresql.SchemaUtils;

namespace PhotonSupport.Workers.Mail.Outbound;

/// <summary>
/// Which owners' mails a mail server has taken, by Message-ID, for the whole cluster. Wolverine delivers a queued
/// mail at least once: a node that dies after the server's "250" and before its inbox marks the message handled
/// leaves the mail to be sent again by another node. The ledger records the server's acceptance the moment it comes,
/// so a mail sent again finds it and stops. What remains is the time from the end of the data to that write (as long
/// as the server's own delivery, for a server that delivers before it answers), which no SMTP client can close
/// (the duplicate RFC 1047 describes).
/// <para>
/// An attempt is marked before it starts and cleared when it fails with its node alive, so an attempt still marked
/// when the mail comes round again was cut off by its node's death: the server may hold that mail. It is sent again,
/// under the same Message-ID, and counted, so an operator can tell such a mail from one sent twice by mistake.
/// </para>
/// </summary>
public sealed class MailDeliveryLedger(IDocumentStore store)
{
    public const string Name = TicketStore.Schema + ".mail_deliveries";

    // One batch, so one implicit transaction: the row is made if need be, locked and read as it was, then the attempt
    // is marked unless the mail was delivered; the lock keeps two nodes from both reading the mail as unattempted.
    private static readonly string Begin =
        $"""
        insert into {Name} (message_id) values (@id) on conflict (message_id) do nothing;
        select delivered_at, case when attempt_started_at is not null then attempt_node end from {Name} where message_id = @id for update;
        update {Name} set attempt_started_at = now(), attempt_node = @node,
            interrupted_attempts = interrupted_attempts + (attempt_started_at is not null)::int
        where message_id = @id and delivered_at is null;
        """;

    private static readonly string Delivered =
        $"update {Name} set delivered_at = now(), attempt_started_at = null, attempt_node = null where message_id = @id";

    private static readonly string Abandoned =
        $"update {Name} set attempt_started_at = null, attempt_node = null where message_id = @id and delivered_at is null";

    public static void Configure(StoreOptions opts) => opts.Storage.ExtendedSchemaObjects.Add(Table());

    public static Table Table()
    {
        var table = new Table(new PostgresqlObjectName(TicketStore.Schema, "mail_deliveries", IdentifierUsage.General));
        table.AddColumn("message_id", "varchar").AsPrimaryKey();
        table.AddColumn("attempt_started_at", "timestamp with time zone");
        table.AddColumn("attempt_node", "varchar");
        table.AddColumn("delivered_at", "timestamp with time zone");
        table.AddColumn("interrupted_attempts", "integer").NotNull().DefaultValue(0);
        return table;
    }

    /// <summary>
    /// Marks an attempt by <paramref name="node"/> as started, unless the mail was delivered before; says how the
    /// mail stood: delivered, or its last attempt cut off by <see cref="DeliveryAttempt.InterruptedOn"/>'s death.
    /// </summary>
    public async Task<DeliveryAttempt> BeginAsync(string messageId, string node, CancellationToken cancellation)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var begin = new NpgsqlCommand(Begin, connection);
        begin.Parameters.AddWithValue("id", messageId);
        begin.Parameters.AddWithValue("node", node);
        await using var reader = await begin.ExecuteReaderAsync(cancellation);
        await reader.ReadAsync(cancellation);
        var delivered = reader.IsDBNull(0) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(0);
        return new DeliveryAttempt(delivered, delivered is null && !reader.IsDBNull(1) ? reader.GetString(1) : null);
    }

    /// <summary>The server took the mail: no attempt after this one sends it.</summary>
    public Task DeliveredAsync(string messageId, CancellationToken cancellation) => ExecuteAsync(Delivered, messageId, cancellation);

    /// <summary>The attempt failed with its node alive and the mail not taken: the next one is a plain retry.</summary>
    public Task AbandonedAsync(string messageId, CancellationToken cancellation) => ExecuteAsync(Abandoned, messageId, cancellation);

    private async Task ExecuteAsync(string sql, string messageId, CancellationToken cancellation)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", messageId);
        await command.ExecuteNonQueryAsync(cancellation);
    }
}
