using Marten;
using PhotonSupport.Workers.Tickets;
using Weasel.Postgresql;
using static Weasel.Postgresql.SchemaUtils;
using Weasel.Postgresql.Tables;

namespace PhotonSupport.Workers.Auth;

/// <summary>
/// Refused API keys per client address in the current window, shared by every Api node, so the limit holds for the
/// cluster and across restarts rather than per node. One row per address; a row whose window has ended means nothing
/// and is deleted. Marten creates and migrates the table like its own.
/// </summary>
public static class FailedSignInTable
{
    public const string Name = TicketStore.Schema + ".failed_sign_ins";

    public static void Configure(StoreOptions opts) => opts.Storage.ExtendedSchemaObjects.Add(Table());

    public static Table Table()
    {
        var table = new Table(new PostgresqlObjectName(TicketStore.Schema, "failed_sign_ins", IdentifierUsage.General));
        table.AddColumn("address", "inet").AsPrimaryKey();
        table.AddColumn("window_started", "timestamp with time zone").NotNull();
        table.AddColumn("failures", "integer").NotNull();
        return table;
    }
}
