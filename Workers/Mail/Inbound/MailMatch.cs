namespace PhotonSupport.Workers.Mail.Inbound;

/// <summary>The tickets the store knows for a mail's clues, looked up by the caller.</summary>
/// <param name="ByReference">The ticket whose reference the subject names, if one has it.</param>
/// <param name="ByReply">The tickets whose <c>OwnerNotified</c> message ids the mail answers.</param>
/// <param name="OpenByDevice">Each clue's device id and its unresolved tickets.</param>
public sealed record KnownTickets(Guid? ByReference, IReadOnlyList<Guid> ByReply, IReadOnlyDictionary<string, IReadOnlyList<Guid>> OpenByDevice);

/// <summary>Where a mail goes: an existing ticket, a new one, or nowhere (quarantine, with the reason).</summary>
public abstract record MailMatch
{
    public sealed record Ticket(Guid TicketId, string How) : MailMatch;

    public sealed record NewTicket(string DeviceId) : MailMatch;

    public sealed record Unmatched(string Reason) : MailMatch;

    /// <summary>
    /// The subject's reference first (the owner kept our tag), then the thread (their client kept our
    /// Message-ID), then the one device id the mail names. A device with no open ticket opens one; two
    /// candidates are never guessed between.
    /// </summary>
    public static MailMatch Of(MailClues clues, KnownTickets known)
    {
        if (known.ByReference is { } byReference) return new Ticket(byReference, $"subject names {clues.Reference}");
        if (known.ByReply.Distinct().ToArray() is { Length: > 0 } replied)
            return replied.Length == 1 ? new Ticket(replied[0], "answers our mail") : new Unmatched("answers mails of several tickets");
        if (clues.DeviceIds.Count == 0)
            return new Unmatched(clues.Reference is null ? "no ticket reference, known thread or device id" : $"no ticket {clues.Reference}");
        if (clues.DeviceIds.Count > 1) return new Unmatched($"names {clues.DeviceIds.Count} device ids: {string.Join(", ", clues.DeviceIds)}");

        var deviceId = clues.DeviceIds[0];
        var open = known.OpenByDevice.GetValueOrDefault(deviceId) ?? [];
        return open.Count switch
        {
            0 => new NewTicket(deviceId),
            1 => new Ticket(open[0], $"names device {deviceId}"),
            _ => new Unmatched($"device {deviceId} has {open.Count} open tickets"),
        };
    }
}
