using System.Security.Cryptography;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace PhotonSupport.Workers.Backups;

/// <summary>How many images a rotation re-encrypted, and how many were under the active key already.</summary>
public sealed record VaultRotation(int Reencrypted, int AlreadyCurrent);

/// <summary>
/// Backup images, sealed with AES-256-GCM in <see cref="BackupImageTable"/>. Writes are queued into the caller's
/// session, so an image exists exactly when the transaction that records it commits. A read hands out the
/// plaintext only once it authenticates and matches the SHA-256 recorded when it was stored.
/// </summary>
public sealed class BackupVault(IOptions<VaultOptions> options, IDocumentStore store, TimeProvider clock)
{
    /// <summary>Enough rows per transaction to move along, few enough (1 MiB images) to keep a transaction's memory small.</summary>
    public const int RotationBatch = 32;

    private readonly VaultCipher _cipher = new(VaultKeyRing.From(options.Value));

    /// <summary>The key new images are sealed under.</summary>
    public string ActiveKeyId => _cipher.ActiveKeyId;

    /// <summary>Encrypts and queues the row into the session's unit of work, so the image is written by the same SaveChanges (same transaction) that appends its BackupReceived event.</summary>
    public void Store(IDocumentSession session, Guid backupId, Guid ticketId, string sha256, byte[] image)
    {
        if (Convert.ToHexStringLower(SHA256.HashData(image)) != sha256)
            throw new ArgumentException($"Backup {backupId}: the image's SHA-256 is not {sha256}.", nameof(sha256));
        var sealedImage = _cipher.Seal(backupId, ticketId, sha256, image);
        session.QueueSqlCommand(
            $"insert into {BackupImageTable.Name} (id, ticket_id, sha256, size, key_id, nonce, ciphertext, stored_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
            backupId, ticketId, sha256, image.LongLength, sealedImage.KeyId, sealedImage.Nonce, sealedImage.Ciphertext, clock.GetUtcNow());
    }

    /// <summary>
    /// The plaintext, decrypted and checked against the SHA-256 recorded at store time; null when no such image is held (never stored or purged).
    /// </summary>
    /// <exception cref="VaultIntegrityException">The image is held but can't be proved intact; no bytes are returned.</exception>
    public async Task<byte[]?> ReadAsync(IQuerySession session, Guid backupId, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand($"select ticket_id, sha256, key_id, nonce, ciphertext from {BackupImageTable.Name} where id = @id and ciphertext is not null");
        command.Parameters.AddWithValue("id", NpgsqlDbType.Uuid, backupId);
        await using var reader = await session.ExecuteReaderAsync(command, cancellation);
        if (!await reader.ReadAsync(cancellation)) return null;
        var row = await HeldImage.ReadAsync(backupId, reader, cancellation);
        return Open(row);
    }

    /// <summary>Queues the removal of the image bytes into the session's unit of work (the row stays with purged_at set, sha256 and size kept).</summary>
    public void Purge(IDocumentSession session, Guid backupId, DateTimeOffset purgedAt) =>
        session.QueueSqlCommand(
            $"update {BackupImageTable.Name} set key_id = null, nonce = null, ciphertext = null, purged_at = ? where id = ? and purged_at is null",
            purgedAt.ToUniversalTime(), backupId);

    /// <summary>Re-encrypts every image not under the active key with the active key, in batches, each batch its own transaction.</summary>
    /// <exception cref="VaultIntegrityException">An image can't be opened; the batches before it stay rotated.</exception>
    public async Task<VaultRotation> RotateAsync(CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        var (stale, alreadyCurrent) = await CountAsync(session, cancellation);
        var reencrypted = 0;
        // Bounded by the count taken first: images stored meanwhile are sealed under the active key anyway.
        while (reencrypted < stale)
        {
            await using var batch = store.LightweightSession();
            var rows = await StaleBatchAsync(batch, cancellation);
            if (rows.Count == 0) break;
            foreach (var row in rows)
            {
                var resealed = _cipher.Seal(row.BackupId, row.TicketId, row.Sha256, Open(row));
                // Only if the row is still as read: a purge or another rotation meanwhile wins.
                batch.QueueSqlCommand(
                    $"update {BackupImageTable.Name} set key_id = ?, nonce = ?, ciphertext = ? where id = ? and key_id = ? and ciphertext is not null",
                    resealed.KeyId, resealed.Nonce, resealed.Ciphertext, row.BackupId, row.Image.KeyId);
            }
            await batch.SaveChangesAsync(cancellation);
            reencrypted += rows.Count;
        }
        return new VaultRotation(reencrypted, alreadyCurrent);
    }

    private byte[] Open(HeldImage row)
    {
        var image = _cipher.Open(row.BackupId, row.TicketId, row.Sha256, row.Image);
        return Convert.ToHexStringLower(SHA256.HashData(image)) == row.Sha256
            ? image
            : throw new VaultIntegrityException(row.BackupId, $"the decrypted image's SHA-256 is not the {row.Sha256} recorded when it was stored");
    }

    private async Task<(int Stale, int Current)> CountAsync(IQuerySession session, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            $"select count(*) filter (where key_id <> @active), count(*) filter (where key_id = @active) from {BackupImageTable.Name} where ciphertext is not null");
        command.Parameters.AddWithValue("active", _cipher.ActiveKeyId);
        await using var reader = await session.ExecuteReaderAsync(command, cancellation);
        await reader.ReadAsync(cancellation);
        return ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
    }

    private async Task<List<HeldImage>> StaleBatchAsync(IQuerySession session, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            $"select id, ticket_id, sha256, key_id, nonce, ciphertext from {BackupImageTable.Name} " +
            $"where ciphertext is not null and key_id <> @active order by id limit {RotationBatch}");
        command.Parameters.AddWithValue("active", _cipher.ActiveKeyId);
        await using var reader = await session.ExecuteReaderAsync(command, cancellation);
        var rows = new List<HeldImage>();
        while (await reader.ReadAsync(cancellation)) rows.Add(await HeldImage.ReadAsync(reader.GetGuid(0), reader, cancellation, offset: 1));
        return rows;
    }

    /// <summary>A row that still holds its image.</summary>
    private sealed record HeldImage(Guid BackupId, Guid TicketId, string Sha256, SealedImage Image)
    {
        /// <summary>Reads ticket_id, sha256, key_id, nonce, ciphertext from column <paramref name="offset"/> on.</summary>
        public static async Task<HeldImage> ReadAsync(Guid backupId, System.Data.Common.DbDataReader reader, CancellationToken cancellation, int offset = 0) =>
            new(backupId, reader.GetGuid(offset), reader.GetString(offset + 1),
                new SealedImage(reader.GetString(offset + 2), await reader.GetFieldValueAsync<byte[]>(offset + 3, cancellation),
                    await reader.GetFieldValueAsync<byte[]>(offset + 4, cancellation)));
    }
}
