using PhotonSupport.Workers.Settings;

namespace PhotonSupport.Workers.Mail.Inbound;

/// <summary>How the support mailbox is watched (<c>PhotonSupport:Mail:Inbound</c>); where it is comes from <c>PhotonSupport:Mail:Imap</c>.</summary>
public sealed class InboundMailOptions
{
    public const string Section = "PhotonSupport:Mail:Inbound";

    /// <summary>The <see cref="MailServerSettings"/> section of the IMAP server, bound as the named options <see cref="ImapSettings"/>.</summary>
    public const string ImapSection = "PhotonSupport:Mail:Imap";

    public const string ImapSettings = "Imap";

    /// <summary>The folder customers' mail arrives in.</summary>
    [NotBlank]
    public string Mailbox { get; set; } = "INBOX";

    /// <summary>Where a mail goes once its events are committed; created when missing.</summary>
    [NotBlank]
    public string ProcessedFolder { get; set; } = "Processed";

    /// <summary>Where a mail no ticket could take goes, for a person to look at; created when missing.</summary>
    [NotBlank]
    public string QuarantineFolder { get; set; } = "Quarantine";

    /// <summary>How often to look for new mail when the server has no IDLE; also the longest wait before reconnecting after a failure.</summary>
    [Positive("00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Wait with IDLE when the server offers it; false polls instead, for a server or proxy whose IDLE is unreliable.</summary>
    public bool Idle { get; set; } = true;

    /// <summary>
    /// IDLE is ended and issued again this often: RFC 2177 lets a server drop an idle client after 30
    /// minutes, and NAT boxes forget quiet connections much sooner, so at most 9 minutes.
    /// </summary>
    [Positive("00:09:00", AtMost = "00:29:00")]
    public TimeSpan IdleRestart { get; set; } = TimeSpan.FromMinutes(9);

    /// <summary>Larger mails are quarantined unread: a Core backup (2.2 MB, about 3 MB in base64) fits with room to spare.</summary>
    [WholeNumber(1)]
    public long MaxMessageBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>A mail whose handling fails (not a database or connection failure) this many times is quarantined, so one mail never stops the rest.</summary>
    [WholeNumber(1)]
    public int MaxAttempts { get; set; } = 3;
}
