using PhotonSupport.Workers.Settings;

namespace PhotonSupport.Workers.Mail;

/// <summary>How a connection to a mail server is secured.</summary>
public enum MailTls
{
    /// <summary>Plain text: only for a server on this machine.</summary>
    None,

    /// <summary>Connect in plain text, then upgrade (SMTP submission on 587, IMAP on 143).</summary>
    StartTls,

    /// <summary>TLS from the first byte (SMTPS on 465, IMAPS on 993).</summary>
    Implicit,
}

/// <summary>
/// Where a mail server is and how to log in. Bound from configuration (<c>PhotonSupport:Mail:Smtp</c>,
/// <c>PhotonSupport:Mail:Imap</c>) or the environment (<c>PhotonSupport__Mail__Smtp__Password</c>, ...);
/// the password is never logged.
/// </summary>
public sealed class MailServerSettings
{
    public string? Host { get; set; }

    /// <summary>0 takes the usual port of the <see cref="Tls"/> mode (587 or 465 for SMTP, 143 or 993 for IMAP).</summary>
    [WholeNumber(0, 65535)]
    public int Port { get; set; }

    public MailTls Tls { get; set; } = MailTls.StartTls;

    public string? User { get; set; }

    public string? Password { get; set; }

    public bool Configured => !string.IsNullOrWhiteSpace(Host);

    /// <summary>For logs: where, never the credentials.</summary>
    public override string ToString() => Configured ? $"{Host}:{Port} ({Tls}{(User is null ? "" : $", as {User}")})" : "not configured";
}
