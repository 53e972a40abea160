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
/// An attempt holds a session advisory lock on its Message-ID from its start to its end, and marks itself in the row.
/// PostgreSQL drops the lock with the session of a node that dies, so an attempt that finds the lock held knows
/// another live node is sending the mail right now (it stands back, <see cref="MailBeingSentElsewhere"/>), and one
/// that finds the lock free but the row marked knows that attempt was cut off by its node's death: the server may
/// hold that mail. It is sent again, under the same Message-ID, and counted, so an operator can tell such a mail
/// from one sent twice by mistake.
/// </para>
/// </summary>
public sealed class MailDeliveryLedger(IDocumentStore store)
{
    public const string Name = TicketStore.Schema + ".mail_deliveries";

    // Nodes of two versions side by side during an upgrade must lock the same key for the same mail: never change it.
    private const string LockKey = "hashtextextended(@id, 0)";

    // One batch, so one implicit transaction: the row is made if need be and read as it was, then the attempt is
    // marked unless the mail was delivered.
    private static readonly string Mark =
        $"""
        insert into {Name} (message_id) values (@id) on conflict (message_id) do nothing;
        select delivered_at, case when attempt_started_at is not null then attempt_node end from {Name} where message_id = @id;
        update {Name} set attempt_started_at = now(), attempt_node = @node,
            interrupted_attempts = interrupted_attempts + (attempt_started_at is not null)::int
        where message_id = @id and delivered_at is null;
        """;

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
    /// Starts an attempt by <paramref name="node"/> at the mail, holding its lock until the attempt is disposed; says
    /// how the mail stood: delivered before, or last attempted by a node that died (<see cref="DeliveryAttempt.InterruptedOn"/>).
    /// </summary>
    /// <exception cref="MailBeingSentElsewhere">A live node's attempt at the same mail holds the lock.</exception>
    public async Task<DeliveryAttempt> BeginAsync(string messageId, string node, CancellationToken cancellation)
    {
        var connection = store.Storage.Database.CreateConnection();
        var locked = false;
        try
        {
            await connection.OpenAsync(cancellation);
            await using (var lockIt = Command($"select pg_try_advisory_lock({LockKey})", connection, messageId))
                locked = await lockIt.ExecuteScalarAsync(cancellation) is true;
            if (!locked) throw new MailBeingSentElsewhere(messageId);
            await using var mark = Command(Mark, connection, messageId);
            mark.Parameters.AddWithValue("node", node);
            await using var reader = await mark.ExecuteReaderAsync(cancellation);
            await reader.ReadAsync(cancellation);
            var delivered = reader.IsDBNull(0) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(0);
            return new DeliveryAttempt(connection, messageId, delivered, delivered is null && !reader.IsDBNull(1) ? reader.GetString(1) : null);
        }
        catch
        {
            if (locked) await ReleaseAsync(connection, messageId);
            else await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Lets go of the mail's lock and of the session that holds it.</summary>
    internal static async ValueTask ReleaseAsync(NpgsqlConnection session, string messageId)
    {
        try
        {
            // A pooled session outlives its connection object, and a session lock with it until the session is reused.
            await using var unlock = Command($"select pg_advisory_unlock({LockKey})", session, messageId);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // Most likely the session broke, and PostgreSQL let go of its locks with it; what broke it is the caller's to report.
        }
        finally
        {
            await session.DisposeAsync();
        }
    }

    internal static NpgsqlCommand Command(string sql, NpgsqlConnection connection, string messageId)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", messageId);
        return command;
    }
}
