using System.Security.Cryptography;
using FluentValidation;
using Marten;
using MimeKit;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Backups;
using PhotonSupport.Workers.Tickets;

namespace PhotonSupport.Workers.Mail.Inbound;

/// <summary>
/// Files one mail: its backups, its text, or a new ticket, and the <see cref="ReceivedMail"/> record that
/// makes a second delivery a no-op, all in the one transaction Wolverine commits after this returns.
/// What to do is decided by the pure readers (<see cref="MachineMail"/>, <see cref="MailClues"/>,
/// <see cref="MailMatch"/>) and the tickets' own decisions; this only looks things up and appends.
/// </summary>
public static class InboundMailHandler
{
    /// <summary>Who the desk's own notes about automatic mail are by.</summary>
    public const string Actor = "inbound-mail";

    public static async Task<InboundMailOutcome> Handle(HandleInboundMail command, IDocumentSession session, BackupVault vault, TimeProvider clock,
        IValidator<OpenTicket> openValidator, CancellationToken cancellation)
    {
        var message = command.Message;
        var key = ReceivedMail.KeyOf(message);
        if (await session.LoadAsync<ReceivedMail>(key, cancellation) is { } earlier) return earlier.Outcome with { Duplicate = true };

        // Where the mailbox also receives what the desk sends (one local mailbox, a Bcc to support), our own mail
        // comes back: it is filed nowhere, or every notification would add a note about itself.
        if (await MailTicketLookup.IsOursAsync(session, key, cancellation))
            return Remember(session, key, InboundMailOutcome.Processed(null, "the desk's own mail: dropped", automatic: true), clock);

        var mail = InboundMail.Read(message, key);
        var machineReason = MachineMail.Reason(message);
        // A bounce may come from nobody; a person's mail from nobody can't be answered or attributed.
        if (machineReason is null && mail.From.Length == 0) return Remember(session, key, InboundMailOutcome.Quarantined("no sender address"), clock);
        var known = await MailTicketLookup.FindAsync(session, mail.Clues, cancellation);
        var outcome = (machineReason, MailMatch.Of(mail.Clues, known)) switch
        {
            ({ } machine, MailMatch.Ticket match) => await NoteMachineMailAsync(session, match.TicketId, machine, mail, clock, cancellation),
            ({ } machine, _) => InboundMailOutcome.Processed(null, $"automatic mail ({machine}) for no ticket: dropped", automatic: true),
            (null, MailMatch.Ticket match) => await FileOnTicketAsync(session, vault, match.TicketId, match.How, mail, clock, cancellation),
            (null, MailMatch.NewTicket open) => await OpenTicketAsync(session, vault, open.DeviceId, mail, clock, openValidator, cancellation),
            (null, MailMatch.Unmatched unmatched) => InboundMailOutcome.Quarantined(unmatched.Reason),
            _ => InboundMailOutcome.Quarantined("no rule for this mail"),
        };
        return Remember(session, key, outcome, clock);
    }

    /// <summary>Insert, not upsert: two workers handling one mail at once collide here, and the loser's transaction adds nothing.</summary>
    private static InboundMailOutcome Remember(IDocumentSession session, string key, InboundMailOutcome outcome, TimeProvider clock)
    {
        session.Insert(new ReceivedMail(key, outcome, clock.GetUtcNow()));
        return outcome;
    }

    private static async Task<InboundMailOutcome> NoteMachineMailAsync(IDocumentSession session, Guid ticketId, string machine, InboundMail mail,
        TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForExclusiveWriting<Ticket>(ticketId, cancellation);
        if (stream.Aggregate is not { } ticket) return InboundMailOutcome.Quarantined($"ticket {ticketId} has no stream");
        var note = new AddNote(ticket.Id, InboundMail.Cut($"Automatic mail ({machine}) from {mail.From}, not answered: {mail.Subject}"), null, Actor);
        stream.AppendMany(AddNote.Decide(ticket, note, clock.GetUtcNow()).Events);
        return InboundMailOutcome.Processed(ticket.Id, $"automatic mail ({machine}) noted on {ticket.Reference}", automatic: true);
    }

    private static async Task<InboundMailOutcome> FileOnTicketAsync(IDocumentSession session, BackupVault vault, Guid ticketId, string how, InboundMail mail,
        TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForExclusiveWriting<Ticket>(ticketId, cancellation);
        if (stream.Aggregate is not { } ticket) return InboundMailOutcome.Quarantined($"ticket {ticketId} has no stream");

        var events = BackupEvents(session, vault, ticket, mail, clock);
        if (mail.Text.Length > 0 || mail.Attachments.Count == 0)
        {
            var reply = new RecordCustomerReply(ticket.Id, mail.MessageId, mail.From, mail.Subject, mail.Text);
            events.AddRange(RecordCustomerReply.Decide(ticket, reply, clock.GetUtcNow()).Events);
        }
        stream.AppendMany(events);
        return InboundMailOutcome.Processed(ticket.Id, $"{ticket.Reference}: {how}; {events.Count} event(s)");
    }

    private static async Task<InboundMailOutcome> OpenTicketAsync(IDocumentSession session, BackupVault vault, string deviceId, InboundMail mail,
        TimeProvider clock, IValidator<OpenTicket> validator, CancellationToken cancellation)
    {
        if (mail.Attachments.Select(a => a.Platform).FirstOrDefault(p => p is not null) is not { } platform)
            return InboundMailOutcome.Quarantined($"device {deviceId} has no open ticket and the mail does not say its platform " +
                "(no PHOTON_/P1_/ELECTRON_/CORE_ attachment name, no backup size only one platform has)");

        var open = new OpenTicket(deviceId, platform.ToString(), mail.From, mail.Symptom, LedPattern: null, mail.From, mail.MessageId);
        if (await validator.ValidateAsync(open, cancellation) is { IsValid: false } invalid)
            return InboundMailOutcome.Quarantined("cannot open a ticket from it: " + string.Join(" ", invalid.Errors.Select(e => e.ErrorMessage)));

        var (result, ticket) = await OpenTicketHandler.OpenAsync(open, session, clock, cancellation);
        if (result.Refusal is { ExistingTicket: { } existing } && result.Refusal.Type == TicketRules.DeviceHasOpenTicket)
            // Another mail about the device opened its ticket since the lookup: this one belongs there.
            return await FileOnTicketAsync(session, vault, existing.Id, $"names device {deviceId}", mail, clock, cancellation);
        if (result.Refusal is not null || ticket is null) return InboundMailOutcome.Quarantined($"cannot open a ticket from it: {result.Refusal?.Detail}");

        var backups = BackupEvents(session, vault, ticket, mail, clock);
        session.Events.Append(ticket.Id, backups);
        return InboundMailOutcome.Processed(ticket.Id, $"{ticket.Reference} opened for device {deviceId}; {backups.Count} backup event(s)");
    }

    /// <summary>
    /// Each flash-looking attachment into the vault and its decision. One the ticket refuses (a size its
    /// platform's backups never have, a resolved ticket) becomes a note, so the mail's content is never silently lost.
    /// </summary>
    private static List<object> BackupEvents(IDocumentSession session, BackupVault vault, Ticket ticket, InboundMail mail, TimeProvider clock)
    {
        var events = new List<object>();
        foreach (var attachment in mail.Attachments)
        {
            var (sha256, size) = (Convert.ToHexStringLower(SHA256.HashData(attachment.Bytes)), attachment.Bytes.LongLength);
            vault.Store(session, Guid.CreateVersion7(), ticket.Id, sha256, attachment.Bytes);
            var now = clock.GetUtcNow();
            var decision = RecordEmailBackup.Decide(ticket, new RecordEmailBackup(ticket.Id, sha256, size, attachment.FileName, mail.MessageId, mail.From), now);
            events.AddRange(decision.Refusal is { } refusal
                ? AddNote.Decide(ticket, new AddNote(ticket.Id, InboundMail.Cut($"Attachment from {mail.From} not filed as a backup: {refusal.Detail}"), null, Actor), now).Events
                : decision.Events);
        }
        return events;
    }
}
