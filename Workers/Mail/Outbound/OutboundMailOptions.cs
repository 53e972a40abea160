using System.ComponentModel.DataAnnotations;
using PhotonSupport.Workers.Settings;

namespace PhotonSupport.Workers.Mail.Outbound;

/// <summary>
/// Who the desk's mail comes from and where it goes out; bound from the <c>PhotonSupport:Mail</c> section.
/// Without an SMTP host every mail is written to <see cref="PickupFolder"/> instead, so a local run
/// shows exactly what owners would get.
/// </summary>
public sealed class OutboundMailOptions : IValidatableObject
{
    public const string Section = "PhotonSupport:Mail";

    /// <summary>The sender owners see; its domain also names our Message-IDs.</summary>
    [MailAddress]
    public string From { get; set; } = "PhotonSupport <support@photonsupport.localhost>";

    /// <summary>Where owners' replies go (the mailbox the inbound side reads); the From address when unset.</summary>
    [MailAddress]
    public string? ReplyTo { get; set; }

    /// <summary>Where mail is written as .eml files when no SMTP server is configured; relative to the working directory.</summary>
    [NotBlank]
    public string PickupFolder { get; set; } = ".data/mail-pickup";

    public MailServerSettings Smtp { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext context) => SettingsCheck.Nested(Smtp, nameof(Smtp));
}
