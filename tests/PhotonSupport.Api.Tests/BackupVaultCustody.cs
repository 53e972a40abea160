using System.Security.Cryptography;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Backups;

namespace PhotonSupport.Api.Tests;

/// <summary>
/// The vault holds device images (private keys among them) sealed in PostgreSQL: what is on disk is not the image,
/// an image exists exactly when its event does, and nothing but the stored bytes ever comes back out.
/// </summary>
public class BackupVaultCustody(ApiFixture api) : ApiTest(api)
{
    private static readonly byte[] KeyA = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] KeyB = RandomNumberGenerator.GetBytes(32);

    private BackupVault Vault(string active, params (string Id, byte[] Key)[] keys) =>
        new(Options.Create(new VaultOptions { ActiveKey = active, Keys = keys.ToDictionary(k => k.Id, k => Convert.ToBase64String(k.Key)) }),
            Api.Store, TimeProvider.System);

    private BackupVault VaultA => Vault("k-a", ("k-a", KeyA));

    private static (byte[] Image, string Sha256) AnImage(int size = 16 * 1024)
    {
        var image = RandomNumberGenerator.GetBytes(size);
        return (image, Convert.ToHexStringLower(SHA256.HashData(image)));
    }

    /// <summary>Stored and committed on its own; its backup id.</summary>
    private async Task<Guid> StoredAsync(BackupVault vault, byte[] image, Guid? ticketId = null)
    {
        var backupId = Guid.CreateVersion7();
        await using var session = Api.Store.LightweightSession();
        vault.Store(session, backupId, ticketId ?? Guid.CreateVersion7(), Convert.ToHexStringLower(SHA256.HashData(image)), image);
        await session.SaveChangesAsync(Cancellation);
        return backupId;
    }

    private async Task<byte[]?> ReadAsync(BackupVault vault, Guid backupId)
    {
        await using var session = Api.Store.QuerySession();
        return await vault.ReadAsync(session, backupId, Cancellation);
    }

    /// <summary>Straight at the table with plain Npgsql, as someone with a database dump would.</summary>
    private async Task<NpgsqlDataReader> RowAsync(NpgsqlConnection connection, Guid backupId)
    {
        await connection.OpenAsync(Cancellation);
        await using var command = new NpgsqlCommand(
            $"select sha256, size, key_id, nonce, ciphertext, purged_at from {BackupImageTable.Name} where id = $1", connection)
        {
            Parameters = { new() { Value = backupId } },
        };
        var reader = await command.ExecuteReaderAsync(Cancellation);
        (await reader.ReadAsync(Cancellation)).ShouldBeTrue($"no row for backup {backupId}");
        return reader;
    }

    private async Task SqlAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(Api.ConnectionString);
        await connection.OpenAsync(Cancellation);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        (await command.ExecuteNonQueryAsync(Cancellation)).ShouldBeGreaterThan(0, sql);
    }

    private static IEnumerable<Exception> Causes(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException) yield return exception;
    }

    private static object[] ReportedWithBackup(Guid ticketId, Guid backupId, string sha256, long size, DateTimeOffset now) =>
    [
        new DeviceReported(ticketId, "PS-vault", PhotonId, Platform.Photon, "owner@example.com", "three red blinks", null, "support", now),
        new BackupReceived(ticketId, backupId, sha256, size, BackupSource.Staff, "support", now),
    ];

    [Fact]
    public async Task The_bytes_held_in_PostgreSQL_are_not_the_image()
    {
        var (image, sha256) = AnImage();

        var backupId = await StoredAsync(VaultA, image);

        await using var connection = new NpgsqlConnection(Api.ConnectionString);
        await using var row = await RowAsync(connection, backupId);
        row.GetString(0).ShouldBe(sha256);
        row.GetInt64(1).ShouldBe(image.LongLength);
        row.GetString(2).ShouldBe("k-a");
        row.GetFieldValue<byte[]>(3).Length.ShouldBe(12);
        var held = row.GetFieldValue<byte[]>(4);
        held.Length.ShouldBe(image.Length + 16);
        var heldWindows = Enumerable.Range(0, held.Length - 63).Select(i => Convert.ToBase64String(held, i, 64)).ToHashSet();
        Enumerable.Range(0, image.Length - 63).Count(i => heldWindows.Contains(Convert.ToBase64String(image, i, 64))).ShouldBe(0);
    }

    [Fact]
    public async Task An_image_stored_with_its_event_reads_back_as_stored()
    {
        var (image, sha256) = AnImage(1_048_576);
        var (ticketId, backupId) = (Guid.CreateVersion7(), Guid.CreateVersion7());

        await using (var session = Api.Store.LightweightSession())
        {
            VaultA.Store(session, backupId, ticketId, sha256, image);
            session.Events.StartStream<Ticket>(ticketId, ReportedWithBackup(ticketId, backupId, sha256, image.Length, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync(Cancellation);
        }

        (await ReadAsync(VaultA, backupId)).ShouldBe(image);
    }

    [Fact]
    public async Task An_image_and_its_event_are_committed_together_or_not_at_all()
    {
        var (first, _) = AnImage();
        var taken = await StoredAsync(VaultA, first);
        var (image, sha256) = AnImage();
        var ticketId = Guid.CreateVersion7();

        // The second image reuses a backup id: its insert fails, and the events appended beside it go with it.
        await using (var session = Api.Store.LightweightSession())
        {
            session.Events.StartStream<Ticket>(ticketId, ReportedWithBackup(ticketId, taken, sha256, image.Length, DateTimeOffset.UtcNow));
            VaultA.Store(session, taken, ticketId, sha256, image);
            var failed = await Should.ThrowAsync<Exception>(() => session.SaveChangesAsync(Cancellation));
            Causes(failed).OfType<PostgresException>().ShouldContain(e => e.SqlState == PostgresErrorCodes.UniqueViolation, failed.ToString());
        }
        // Given up before committing: neither the image nor the event is written.
        var abandoned = Guid.CreateVersion7();
        await using (var session = Api.Store.LightweightSession())
        {
            session.Events.StartStream<Ticket>(ticketId, ReportedWithBackup(ticketId, abandoned, sha256, image.Length, DateTimeOffset.UtcNow));
            VaultA.Store(session, abandoned, ticketId, sha256, image);
        }

        await using var query = Api.Store.QuerySession();
        (await query.Events.FetchStreamAsync(ticketId, token: Cancellation)).ShouldBeEmpty();
        (await ReadAsync(VaultA, abandoned)).ShouldBeNull();
        (await ReadAsync(VaultA, taken)).ShouldBe(first);
    }

    [Fact]
    public async Task An_image_opened_with_another_key_under_the_same_id_is_refused_not_returned()
    {
        var backupId = await StoredAsync(VaultA, AnImage().Image);

        var refused = await Should.ThrowAsync<VaultIntegrityException>(() => ReadAsync(Vault("k-a", ("k-a", KeyB)), backupId));

        refused.Message.ShouldContain(backupId.ToString());
        refused.Message.ShouldContain("authentication tag");
    }

    [Fact]
    public async Task An_image_under_a_key_the_vault_does_not_have_is_refused()
    {
        var backupId = await StoredAsync(VaultA, AnImage().Image);

        var refused = await Should.ThrowAsync<VaultIntegrityException>(() => ReadAsync(Vault("k-b", ("k-b", KeyB)), backupId));

        refused.Message.ShouldContain("'k-a'");
    }

    [Fact]
    public async Task Rotation_moves_every_image_onto_the_active_key_and_the_old_key_can_then_go()
    {
        // More than one batch, so the batches are seen to follow one another.
        var images = Enumerable.Range(0, BackupVault.RotationBatch + 8).Select(_ => AnImage(1024).Image).ToList();
        var ids = new List<Guid>();
        foreach (var image in images) ids.Add(await StoredAsync(VaultA, image));
        var both = Vault("k-b", ("k-a", KeyA), ("k-b", KeyB));

        var rotation = await both.RotateAsync(Cancellation);

        rotation.ShouldBe(new VaultRotation(images.Count, 0));
        await using (var connection = new NpgsqlConnection(Api.ConnectionString))
        {
            await connection.OpenAsync(Cancellation);
            await using var keys = new NpgsqlCommand($"select distinct key_id from {BackupImageTable.Name}", connection);
            (await keys.ExecuteScalarAsync(Cancellation)).ShouldBe("k-b");
        }
        var onlyB = Vault("k-b", ("k-b", KeyB));
        for (var i = 0; i < images.Count; i++) (await ReadAsync(onlyB, ids[i])).ShouldBe(images[i]);
        (await both.RotateAsync(Cancellation)).ShouldBe(new VaultRotation(0, images.Count));
    }

    [Theory]
    [InlineData("a flipped ciphertext byte", "update {0} set ciphertext = set_byte(ciphertext, 100, get_byte(ciphertext, 100) # 1) where id = $1")]
    [InlineData("a rewritten SHA-256", "update {0} set sha256 = repeat('0', 64) where id = $1")]
    [InlineData("another ticket", "update {0} set ticket_id = gen_random_uuid() where id = $1")]
    [InlineData("an edited key id", "update {0} set key_id = 'k-b' where id = $1")]
    [InlineData("a flipped tag byte", "update {0} set ciphertext = set_byte(ciphertext, length(ciphertext) - 1, get_byte(ciphertext, length(ciphertext) - 1) # 1) where id = $1")]
    public async Task A_tampered_row_is_refused_on_read(string tampering, string sql)
    {
        var both = Vault("k-a", ("k-a", KeyA), ("k-b", KeyB));
        var backupId = await StoredAsync(both, AnImage().Image);

        await SqlAsync(string.Format(sql, BackupImageTable.Name), backupId);

        (await Should.ThrowAsync<VaultIntegrityException>(() => ReadAsync(both, backupId), tampering)).BackupId.ShouldBe(backupId);
    }

    [Fact]
    public async Task Ciphertexts_swapped_between_two_rows_are_refused_on_both()
    {
        var first = await StoredAsync(VaultA, AnImage().Image);
        var second = await StoredAsync(VaultA, AnImage().Image);

        await SqlAsync($"""
            update {BackupImageTable.Name} b set nonce = o.nonce, ciphertext = o.ciphertext
            from {BackupImageTable.Name} o where (b.id, o.id) in (($1, $2), ($2, $1))
            """, first, second);

        await Should.ThrowAsync<VaultIntegrityException>(() => ReadAsync(VaultA, first));
        await Should.ThrowAsync<VaultIntegrityException>(() => ReadAsync(VaultA, second));
    }

    [Fact]
    public async Task A_purged_image_is_gone_and_its_row_still_says_what_it_was()
    {
        var (image, sha256) = AnImage();
        var backupId = await StoredAsync(VaultA, image);
        var purgedAt = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.FromHours(1));

        await using (var session = Api.Store.LightweightSession())
        {
            VaultA.Purge(session, backupId, purgedAt);
            await session.SaveChangesAsync(Cancellation);
        }

        (await ReadAsync(VaultA, backupId)).ShouldBeNull();
        (await ReadAsync(VaultA, Guid.CreateVersion7())).ShouldBeNull();
        await using var connection = new NpgsqlConnection(Api.ConnectionString);
        await using var row = await RowAsync(connection, backupId);
        row.GetString(0).ShouldBe(sha256);
        row.GetInt64(1).ShouldBe(image.LongLength);
        row.IsDBNull(4).ShouldBeTrue();
        row.GetFieldValue<DateTimeOffset>(5).ShouldBe(purgedAt);
    }

    [Fact]
    public async Task An_Api_without_a_vault_key_refuses_to_start_and_says_how_to_make_one()
    {
        await using var app = ApiHost.Build(["--urls=http://127.0.0.1:0", $"--ConnectionStrings:PhotonSupport={Api.ConnectionString}"]);

        var refused = await Should.ThrowAsync<Exception>(() => app.StartAsync(Cancellation));

        refused.Message.ShouldContain("No vault key configured");
        refused.Message.ShouldContain("keys new-vault-key --file");
        refused.Message.ShouldContain("PhotonSupport__Vault__KeyFile");
    }

    [Theory]
    [InlineData("--PhotonSupport:Vault:Keys:short=AAECAwQFBgcICQoLDA0ODw==", "PhotonSupport:Vault:Keys:short", "32 bytes")]
    [InlineData("--PhotonSupport:Vault:KeyFile=/nonexistent/vault-keys.json", "PhotonSupport:Vault:KeyFile", "/nonexistent/vault-keys.json")]
    [InlineData("--PhotonSupport:Vault:Keys:other=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "'missing'", "other")]
    public async Task An_Api_whose_vault_key_setting_is_unusable_refuses_to_start_naming_the_setting(string setting, string named, string alsoNamed)
    {
        await using var app = ApiHost.Build(["--urls=http://127.0.0.1:0", $"--ConnectionStrings:PhotonSupport={Api.ConnectionString}",
            "--PhotonSupport:Vault:ActiveKey=missing", setting]);

        var refused = await Should.ThrowAsync<Exception>(() => app.StartAsync(Cancellation));

        refused.Message.ShouldContain(named);
        refused.Message.ShouldContain(alsoNamed);
    }
}
