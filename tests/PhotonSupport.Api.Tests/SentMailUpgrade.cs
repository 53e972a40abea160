using Marten;
using Npgsql;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Hosting;
using PhotonSupport.Workers.Mail;

namespace PhotonSupport.Api.Tests;

/// <summary>
/// An upgrade (Migrations/sql/0003, or the Migrations console's <c>apply</c>) files every mail the desk sent before
/// that version as a <see cref="SentMail"/>, in SQL; SentMailProjection files the ones sent since, in C#. Two
/// writings of one rule, compared on the same events.
/// </summary>
public sealed class SentMailUpgrade(ApiFixture api) : ApiTest(api)
{
    [Theory]
    [InlineData("the 0003 script")]
    [InlineData("the Migrations console's apply")]
    public async Task An_upgrade_files_the_mails_sent_before_it_exactly_as_the_projection_files_them(string upgrade)
    {
        var ticket = await OpenAsync();
        string[] ids = ["backuprequest.0f3e@photonsupport.localhost", "statusupdate.9a41@photonsupport.localhost"];
        await GivenEventsAsync(ticket,
            new OwnerNotified(ticket, OwnerMailKind.BackupRequest, ids[0], "owner@example.com", "Your Photon: please send a backup", null,
                "PhotonSupport mail", DateTimeOffset.Parse("2026-11-30T08:15:00Z")),
            new OwnerNotified(ticket, OwnerMailKind.StatusUpdate, ids[1], "owner@example.com", "Your Photon: backup restored", ids[0],
                "PhotonSupport mail", DateTimeOffset.Parse("2026-11-30T09:40:30.125Z")));
        var projected = await SentMailRowsAsync(ids);
        projected.Count.ShouldBe(2);

        // As on a database from before the projection: the events are there, their records are not; then the upgrade.
        await ExecuteAsync("delete from photonsupport.mt_doc_sentmail where id = any(@ids)", ids);
        if (upgrade == "the 0003 script")
            await ExecuteAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "sql", "0003_sent_mail.sql"), Cancellation), ids);
        else
            await DatabaseSchema.ApplyAsync(Api.Services, Cancellation);

        (await SentMailRowsAsync(ids)).ShouldBe(projected);
        await using var session = Api.Store.QuerySession();
        var reply = (await session.LoadAsync<SentMail>(ids[1], Cancellation))!;
        (reply.TicketId, reply.Kind, reply.NotifiedAt).ShouldBe((ticket, OwnerMailKind.StatusUpdate, DateTimeOffset.Parse("2026-11-30T09:40:30.125Z")));
    }

    /// <summary>Each record's id and JSON (jsonb's text is canonical: the same document reads the same).</summary>
    private async Task<List<string>> SentMailRowsAsync(string[] ids)
    {
        await using var connection = new NpgsqlConnection(Api.ConnectionString);
        await connection.OpenAsync(Cancellation);
        await using var read = new NpgsqlCommand("select id || ' ' || data::text from photonsupport.mt_doc_sentmail where id = any(@ids) order by id", connection);
        read.Parameters.AddWithValue("ids", ids);
        var rows = new List<string>();
        await using var reader = await read.ExecuteReaderAsync(Cancellation);
        while (await reader.ReadAsync(Cancellation)) rows.Add(reader.GetString(0));
        return rows;
    }

    private async Task ExecuteAsync(string sql, string[] ids)
    {
        await using var connection = new NpgsqlConnection(Api.ConnectionString);
        await connection.OpenAsync(Cancellation);
        await using var run = new NpgsqlCommand(sql, connection);
        if (sql.Contains("@ids")) run.Parameters.AddWithValue("ids", ids);
        await run.ExecuteNonQueryAsync(Cancellation);
    }
}
