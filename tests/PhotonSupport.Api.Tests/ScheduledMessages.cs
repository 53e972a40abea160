using Npgsql;

namespace PhotonSupport.Api.Tests;

/// <summary>Wolverine's durable inbox, where scheduled messages wait for their time and handled ones stay for a while.</summary>
public static class ScheduledMessages
{
    /// <summary>
    /// The messages of type <paramref name="typeName"/> in the inbox of <paramref name="connectionString"/>'s database:
    /// <paramref name="pendingOnly"/>, those waiting for their time or due and not yet handled; otherwise any.
    /// </summary>
    public static async Task<long> InInboxAsync(string connectionString, string typeName, bool pendingOnly)
    {
        var cancellation = TestContext.Current.CancellationToken;
        // Unpooled: a test's own database is dropped and made again before the next test, which ends any pooled connection to it.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellation);
        var pending = pendingOnly ? "and status in ('Scheduled', 'Incoming')" : "";
        await using var command = new NpgsqlCommand(
            $"select count(*) from wolverine.wolverine_incoming_envelopes where message_type like '%' || @type {pending}", connection);
        command.Parameters.AddWithValue("type", typeName);
        return (long)(await command.ExecuteScalarAsync(cancellation))!;
    }
}
