using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JasperFx;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Backups;
using PhotonSupport.Workers.Mail.Outbound;
using PhotonSupport.Workers.Uploads;
using Wolverine;
using Wolverine.Tracking;

namespace PhotonSupport.Api.Tests;

/// <summary>The backup-request mail's link: an owner whose mail refuses the attachment sends the image once over HTTP, with no key.</summary>
public partial class OwnerUploadLinks(ApiFixture api) : ApiTest(api)
{
    private const string Owner = "owner via upload link";

    private sealed record MailedLink(Guid Ticket, string Reference, MimeMessage Mail, string Url, string Token)
    {
        public string Path => new Uri(Url).AbsolutePath;
    }

    /// <summary>Opens a ticket, asks the owner for a backup and takes the link out of the mail they get.</summary>
    private async Task<MailedLink> LinkMailedAsync(object? report = null)
    {
        var opened = await ReadAsync(await PostAsync("/api/tickets", report ?? PhotonReport()), HttpStatusCode.Created);
        var (ticket, reference) = (opened["id"]!.GetValue<Guid>(), opened["reference"]!.GetValue<string>());
        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/backup-requests", new { }), HttpStatusCode.OK);
        var mail = await Api.Mail.WaitForAsync(reference, "backup");
        var url = LinkInMail().Match(mail.TextBody!);
        url.Success.ShouldBeTrue(mail.TextBody);
        return new MailedLink(ticket, reference, mail, url.Value, url.Groups["token"].Value);
    }

    private Task<HttpResponseMessage> PutAsync(string path, byte[] body) =>
        Api.Anonymous.PutAsync(path, new ByteArrayContent(body), Cancellation);

    private async Task<JsonNode[]> ReceivedAsync(Guid ticket) =>
        (await GetAsync($"/api/tickets/{ticket}/events")).AsArray()
            .Where(e => e!["type"]!.GetValue<string>() == nameof(BackupReceived)).Select(e => e!["data"]!).ToArray();

    private async Task<int> StreamLengthAsync(Guid ticket)
    {
        await using var session = Api.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(ticket, token: Cancellation)).Count;
    }

    private async Task<UploadLink?> LinkDocumentAsync(string token)
    {
        await using var session = Api.Store.QuerySession();
        return await session.LoadAsync<UploadLink>(UploadLink.IdOf(token), Cancellation);
    }

    [Fact]
    public async Task The_backup_request_mail_carries_a_link_with_the_curl_line_and_the_day_it_expires()
    {
        var link = await LinkMailedAsync();

        link.Url.ShouldStartWith("http://127.0.0.1:5080/api/uploads/", Case.Sensitive);
        // 32 random bytes in base64url without padding.
        link.Token.Length.ShouldBe(43);
        link.Mail.TextBody!.ShouldContain($"curl -T PHOTON_backup_{PhotonId}.bin {link.Url}\n", Case.Sensitive);
        link.Mail.HtmlBody!.ShouldContain($"curl -T PHOTON_backup_{PhotonId}.bin {link.Url}", Case.Sensitive);
        var stored = (await LinkDocumentAsync(link.Token)).ShouldNotBeNull();
        stored.TicketId.ShouldBe(link.Ticket);
        (stored.ExpiresAt - stored.CreatedAt).ShouldBe(TimeSpan.FromDays(14));
        link.Mail.TextBody!.ShouldContain($"The link works until {stored.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC", Case.Sensitive);
        // Only the mail holds the token: the store knows the link by the token's digest.
        await using var session = Api.Store.QuerySession();
        (await session.Query<UploadLink>().ToListAsync(Cancellation)).ShouldHaveSingleItem().Id.ShouldNotContain(link.Token);
    }

    [Fact]
    public async Task A_Core_owner_is_told_the_link_takes_the_external_flash_or_both_flashes_joined()
    {
        const string core = "53ff6f065067544847310187";
        var link = await LinkMailedAsync(new
        {
            deviceId = core, platform = "Core", ownerEmail = "owner@example.com", symptom = "Cyan blinks followed by green.", ledPattern = "cyan-flash-green",
        });

        link.Mail.TextBody!.ShouldContain($"curl -T CORE_backup_{core}.bin {link.Url}\n", Case.Sensitive);
        link.Mail.TextBody!.ShouldContain($"cat CORE_internal_backup_{core}.bin CORE_backup_{core}.bin | curl -T - {link.Url}", Case.Sensitive);
    }

    [Fact]
    public async Task An_image_sent_with_the_link_is_filed_from_the_upload_link_without_a_key()
    {
        var link = await LinkMailedAsync();

        var filed = await ReadAsync(await PutAsync($"{link.Path}?fileName=PHOTON_backup_{PhotonId}.bin", PhotonBackupImage()), HttpStatusCode.Created);

        filed["source"]!.GetValue<string>().ShouldBe(nameof(BackupSource.UploadLink));
        filed["receivedBy"]!.GetValue<string>().ShouldBe(Owner);
        filed["fileName"]!.GetValue<string>().ShouldBe($"PHOTON_backup_{PhotonId}.bin");
        var received = (await ReceivedAsync(link.Ticket)).ShouldHaveSingleItem();
        received["source"]!.GetValue<string>().ShouldBe(nameof(BackupSource.UploadLink));
        received["backupId"]!.GetValue<Guid>().ShouldBe(filed["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task A_link_used_once_is_gone_and_a_second_upload_appends_nothing()
    {
        var link = await LinkMailedAsync();
        await ReadAsync(await PutAsync(link.Path, PhotonBackupImage()), HttpStatusCode.Created);
        var events = await Api.EventCountAsync();

        var again = await ReadAsync(await PutAsync(link.Path, PhotonBackupImage("missing-server-key")), HttpStatusCode.Gone);

        again["type"]!.GetValue<string>().ShouldBe(TicketRules.UploadLinkUsed);
        again["detail"]!.GetValue<string>().ShouldContain("already used at");
        (await Api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task Of_two_uploads_at_once_with_one_link_one_is_filed_and_the_other_is_gone()
    {
        var link = await LinkMailedAsync();

        var answers = await Task.WhenAll(PutAsync(link.Path, PhotonBackupImage()), PutAsync(link.Path, PhotonBackupImage("missing-server-key")));

        answers.Select(a => a.StatusCode).Order().ShouldBe([HttpStatusCode.Created, HttpStatusCode.Gone]);
        (await ReadAsync(answers.Single(a => a.StatusCode == HttpStatusCode.Gone), HttpStatusCode.Gone))["type"]!.GetValue<string>()
            .ShouldBe(TicketRules.UploadLinkUsed);
        (await ReceivedAsync(link.Ticket)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_second_use_that_passed_the_checks_collides_with_the_first_and_its_whole_commit_is_rolled_back()
    {
        var link = await LinkMailedAsync();
        await ReadAsync(await PutAsync(link.Path, PhotonBackupImage()), HttpStatusCode.Created);
        // The ticket's stream, not the store's count: Marten fills the sequence a rolled-back append took with tombstones.
        var events = await StreamLengthAsync(link.Ticket);
        var late = new UploadBackup(link.Ticket, Guid.CreateVersion7(), PhotonBackupImage("missing-server-key"), BackupSource.UploadLink, null, Owner,
            UploadLink.IdOf(link.Token));

        await Should.ThrowAsync<DocumentAlreadyExistsException>(() => Api.Services.GetRequiredService<IMessageBus>().InvokeAsync(late, Cancellation));

        (await StreamLengthAsync(link.Ticket)).ShouldBe(events);
        await using var session = Api.Store.QuerySession();
        (await Api.Services.GetRequiredService<BackupVault>().ReadAsync(session, late.BackupId, Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task An_expired_link_is_gone_and_says_when_it_expired()
    {
        var link = await LinkMailedAsync();
        var expiredAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        await using (var session = Api.Store.LightweightSession())
        {
            var stored = (await session.LoadAsync<UploadLink>(UploadLink.IdOf(link.Token), Cancellation))!;
            stored.ExpiresAt = expiredAt;
            session.Store(stored);
            await session.SaveChangesAsync(Cancellation);
        }
        var events = await Api.EventCountAsync();

        var gone = await ReadAsync(await PutAsync(link.Path, PhotonBackupImage()), HttpStatusCode.Gone);

        gone["type"]!.GetValue<string>().ShouldBe(TicketRules.UploadLinkExpired);
        gone["detail"]!.GetValue<string>().ShouldContain($"expired at {expiredAt:yyyy-MM-dd HH:mm:ss}");
        gone["detail"]!.GetValue<string>().ShouldContain("new backup request");
        (await Api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task A_token_that_was_never_issued_is_not_found()
    {
        await LinkMailedAsync();

        var problem = await ReadAsync(await PutAsync("/api/uploads/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", PhotonBackupImage()), HttpStatusCode.NotFound);

        problem["detail"]!.GetValue<string>().ShouldContain("no such upload link");
    }

    [Fact]
    public async Task A_body_of_the_wrong_size_is_refused_naming_the_size_and_leaves_the_link_usable()
    {
        var link = await LinkMailedAsync();

        var refused = await ReadAsync(await PutAsync(link.Path, new byte[4096]), HttpStatusCode.BadRequest);

        refused["errors"]!["body"]![0]!.GetValue<string>().ShouldContain("1,048,576 bytes");
        (await ReceivedAsync(link.Ticket)).ShouldBeEmpty();
        await ReadAsync(await PutAsync(link.Path, PhotonBackupImage()), HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_resolved_ticket_takes_no_image_and_the_refusal_does_not_use_up_the_link()
    {
        var link = await LinkMailedAsync();
        await ReadAsync(await PostAsync($"/api/tickets/{link.Ticket}/resolve", new { resolution = "It came back by itself." }), HttpStatusCode.OK);

        var refused = await ReadAsync(await PutAsync(link.Path, PhotonBackupImage()), HttpStatusCode.Conflict);

        refused["type"]!.GetValue<string>().ShouldBe(TicketRules.TicketResolved);
        await using var session = Api.Store.QuerySession();
        (await session.LoadAsync<UploadLinkUse>(UploadLink.IdOf(link.Token), Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task A_backup_request_mailed_again_by_a_redelivered_trigger_leaves_one_link_the_one_in_the_mail()
    {
        var link = await LinkMailedAsync();
        Guid requested;
        await using (var session = Api.Store.QuerySession())
            requested = (await session.Events.FetchStreamAsync(link.Ticket, token: Cancellation)).Single(e => e.Data is BackupRequested).Id;

        await Api.Host.InvokeMessageAndWaitAsync(new OwnerMailDue(link.Ticket, requested), 30_000);

        await using (var session = Api.Store.QuerySession())
            (await session.Query<UploadLink>().Where(l => l.TicketId == link.Ticket).ToListAsync(Cancellation))
                .ShouldHaveSingleItem().Id.ShouldBe(UploadLink.IdOf(link.Token));
        Api.Mail.For(link.Reference).ShouldHaveSingleItem().MessageId.ShouldBe(link.Mail.MessageId);
    }

    [GeneratedRegex(@"http://\S+/api/uploads/(?<token>[A-Za-z0-9_-]+)")]
    private static partial Regex LinkInMail();
}
