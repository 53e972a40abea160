using System.Buffers.Text;
using System.Text;

namespace PhotonSupport.Api.Tickets;

/// <summary>
/// Where a walk of the queue stopped: the last ticket's (updatedAt, id), the queue's order. Opaque to clients,
/// who pass back what <c>next</c> gave them; a string this server did not make is refused, not guessed at.
/// </summary>
public sealed record TicketCursor(DateTimeOffset UpdatedAt, Guid Id)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"{UpdatedAt.UtcTicks}:{Id:N}"));

    public static bool TryDecode(string text, out TicketCursor cursor)
    {
        cursor = null!;
        if (!Base64Url.IsValid(text) || text.Length > 128) return false;
        var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text)).Split(':');
        if (parts is not [var ticks, var id]
            || !long.TryParse(ticks, out var utcTicks) || utcTicks < DateTimeOffset.MinValue.UtcTicks || utcTicks > DateTimeOffset.MaxValue.UtcTicks
            || !Guid.TryParseExact(id, "N", out var ticketId)) return false;
        cursor = new TicketCursor(new DateTimeOffset(utcTicks, TimeSpan.Zero), ticketId);
        return true;
    }
}
