using Marten;
using PhotonSupport.Workers.Tickets;
using Weasel.Postgresql;
using static Weasel.Postgresql.SchemaUtils;
using Weasel.Postgresql.Tables;

namespace PhotonSupport.Workers.Backups;

/// <summary>
/// Where backup images live: beside the events in the Marten schema, so an image and the event that records it
/// commit in one transaction. Marten creates and migrates the table like its own.
/// </summary>
public static class BackupImageTable
{
    public const string Name = TicketStore.Schema + ".backup_images";

    public static void Configure(StoreOptions opts) => opts.Storage.ExtendedSchemaObjects.Add(Table());

    public static Table Table()
    {
        var table = new Table(new PostgresqlObjectName(TicketStore.Schema, "backup_images", IdentifierUsage.General));
        table.AddColumn<Guid>("id").AsPrimaryKey();
        table.AddColumn<Guid>("ticket_id").NotNull();
        table.AddColumn("sha256", "text").NotNull();
        table.AddColumn("size", "bigint").NotNull();
        // Null once purged, with the nonce and key id: the row then only says what was held and when it went.
        table.AddColumn("key_id", "text");
        table.AddColumn("nonce", "bytea");
        table.AddColumn("ciphertext", "bytea");
        table.AddColumn("stored_at", "timestamp with time zone").NotNull();
        table.AddColumn("purged_at", "timestamp with time zone");
        table.Indexes.Add(new IndexDefinition("ix_backup_images_ticket_id") { Columns = ["ticket_id"] });
        return table;
    }
}
