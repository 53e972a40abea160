using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace PhotonSupport.Workers.Mail;

/// <summary>A mailbox as a mail header carries it (<c>PhotonSupport &lt;support@example.com&gt;</c>); unset passes, where that is allowed.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MailAddressAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext context) =>
        value is not string text || MailboxAddress.TryParse(text, out var mailbox) && mailbox.Address.Contains('@')
            ? ValidationResult.Success
            : new ValidationResult($"must be a mail address such as 'PhotonSupport <support@example.com>', not '{value}'.", [context.MemberName!]);
}
