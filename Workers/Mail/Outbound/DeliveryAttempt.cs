using Npgsql;

namespace PhotonSupport.Workers.Mail.Outbound;

/// <summary>
/// One node's attempt at a mail, begun by <see cref="MailDeliveryLedger.BeginAsync"/>: how the mail stood (delivered
/// before, then the attempt stops; or last attempted by a node that died, <see cref="InterruptedOn"/>), and the
/// session that holds the mail's lock until the attempt is disposed.
/// </summary>
public sealed class DeliveryAttempt : IAsyncDisposable
{
    private static readonly string Delivered =
        $"update {MailDeliveryLedger.Name} set delivered_at = now(), attempt_started_at = null, attempt_node = null where message_id = @id";

    private static readonly string Abandoned =
        $"update {MailDeliveryLedger.Name} set attempt_started_at = null, attempt_node = null where message_id = @id and delivered_at is null";

    private readonly NpgsqlConnection _session;
    private readonly string _messageId;

    internal DeliveryAttempt(NpgsqlConnection session, string messageId, DateTimeOffset? deliveredAt, string? interruptedOn) =>
        (_session, _messageId, DeliveredAt, InterruptedOn) = (session, messageId, deliveredAt, interruptedOn);

    public DateTimeOffset? DeliveredAt { get; }

    public string? InterruptedOn { get; }

    /// <summary>The server took the mail: no attempt after this one sends it.</summary>
    public Task TakenAsync(CancellationToken cancellation) => ExecuteAsync(Delivered, cancellation);

    /// <summary>The attempt failed with its node alive and the mail not taken: the next one is a plain retry.</summary>
    public Task AbandonedAsync(CancellationToken cancellation) => ExecuteAsync(Abandoned, cancellation);

    public ValueTask DisposeAsync() => MailDeliveryLedger.ReleaseAsync(_session, _messageId);

    private async Task ExecuteAsync(string sql, CancellationToken cancellation)
    {
        await using var command = MailDeliveryLedger.Command(sql, _session, _messageId);
        await command.ExecuteNonQueryAsync(cancellation);
    }
}
