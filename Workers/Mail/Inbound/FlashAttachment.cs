using MimeKit;
using MimeKit.Tnef;
using PhotonSupport.Domain;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.Workers.Mail.Inbound;

/// <summary>An attachment that looks like a flash image: a <c>.bin</c> file, or bytes sent as <c>application/octet-stream</c>.</summary>
public sealed record FlashAttachment(string FileName, byte[] Bytes)
{
    /// <summary>
    /// Every flash-image-looking part of <paramref name="message"/>, Outlook's winmail.dat (TNEF) opened too.
    /// The size is not judged here: whether it fits is the ticket's platform's rule (<c>ReceiveBackup</c>).
    /// </summary>
    public static IReadOnlyList<FlashAttachment> In(MimeMessage message) =>
        message.BodyParts.SelectMany(Unwrapped).OfType<MimePart>().Where(LooksLikeFlash)
            .Select((part, i) => new FlashAttachment(part.FileName ?? $"attachment-{i + 1}.bin", Decoded(part)))
            .ToArray();

    /// <summary>
    /// The platform the file name says, from the prefix the backup request tells owners to use
    /// (<c>PHOTON_backup_&lt;deviceid&gt;.bin</c>); otherwise from a size only one platform's backups have.
    /// </summary>
    public Platform? Platform
    {
        get
        {
            var prefix = Path.GetFileName(FileName).Split('_', 2)[0];
            if (EnumNames.TryParse<Platform>(prefix, out var named)) return named;
            var bySize = PlatformCatalog.All.Where(p => PlatformCatalog.BackupSizes(p).Contains(Bytes.LongLength)).ToArray();
            return bySize.Length == 1 ? bySize[0] : null;
        }
    }

    private static IEnumerable<MimeEntity> Unwrapped(MimeEntity part) =>
        part is TnefPart tnef ? SafeTnefAttachments(tnef) : [part];

    /// <summary>A damaged winmail.dat yields what it can: the mail itself is still handled.</summary>
    private static IEnumerable<MimeEntity> SafeTnefAttachments(TnefPart tnef)
    {
        try
        {
            return tnef.ExtractAttachments().ToArray();
        }
        catch (Exception e) when (e is TnefException or FormatException or IOException)
        {
            return [];
        }
    }

    private static bool LooksLikeFlash(MimePart part) =>
        part is not TextPart &&
        (part.FileName?.EndsWith(".bin", StringComparison.OrdinalIgnoreCase) == true || part.ContentType.IsMimeType("application", "octet-stream"));

    private static byte[] Decoded(MimePart part)
    {
        using var bytes = new MemoryStream();
        part.Content?.DecodeTo(bytes);
        return bytes.ToArray();
    }
}
