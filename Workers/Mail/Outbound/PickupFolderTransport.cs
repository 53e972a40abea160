using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PhotonSupport.Workers.Mail.Outbound;

/// <summary>
/// With no SMTP server configured, mail is written as .eml files named after the Message-ID: a retry
/// rewrites the same file instead of adding a second mail, and a reader never sees half a file.
/// </summary>
public sealed class PickupFolderTransport(IOptions<OutboundMailOptions> options, ILogger<PickupFolderTransport> log) : IOutboundMailTransport
{
    private readonly string _folder = Path.GetFullPath(options.Value.PickupFolder);

    public string Destination => $"the pickup folder {_folder} (no SMTP server configured)";

    public async Task SendAsync(SendOwnerMail mail, Func<CancellationToken, Task> taken, CancellationToken cancellation)
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, FileName(mail.MessageId));
        var partial = path + ".partial";
        await mail.ToMime().WriteToAsync(partial, cancellation);
        File.Move(partial, path, overwrite: true);
        await taken(cancellation);
        log.LogInformation("Mail {MessageId} to {To} ({Kind}, ticket {TicketId}) written to {Path}", mail.MessageId, mail.To, mail.Kind, mail.TicketId, path);
    }

    private static string FileName(string messageId) =>
        string.Concat(messageId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '@' ? c : '_')) + ".eml";
}
