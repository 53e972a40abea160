using Marten;
using Npgsql;

namespace PhotonSupport.Workers.Mail;

/// <summary>
/// Files the mails sent before <see cref="SentMailProjection"/> existed, from their <c>OwnerNotified</c> events, as the
/// projection would have: the event's fields under the document's names (the store writes both in camel case, enums as
/// strings), the Message-ID as the id. Idempotent (a mail on file is left alone), so <c>apply</c> runs it every time;
/// Migrations/sql/0003 holds the same statement for a database brought up by the scripts.
/// </summary>
public static class SentMailBackfill
{
    /// <summary>How many mails it filed.</summary>
    public static async Task<int> RunAsync(IDocumentStore store, CancellationToken cancellation)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var backfill = new NpgsqlCommand($"""
            insert into {schema}.mt_doc_sentmail (id, data, mt_dotnet_type)
            select data->>'messageId',
                   jsonb_build_object('id', data->'messageId', 'ticketId', data->'ticketId', 'kind', data->'kind', 'notifiedAt', data->'notifiedAt'),
                   '{typeof(SentMail).FullName}'
            from {schema}.mt_events
            where type = 'owner_notified'
            on conflict (id) do nothing
            """, connection);
        return await backfill.ExecuteNonQueryAsync(cancellation);
    }
}
