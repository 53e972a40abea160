using System.Text.RegularExpressions;
using MimeKit;

namespace PhotonSupport.Workers.Mail.Inbound;

/// <summary>
/// What a mail says about the ticket it belongs to, read from the mail alone: a <c>[PS-n]</c> reference in
/// the subject, the message ids it answers, and the device ids in its attachments' names and its text.
/// </summary>
public sealed partial record MailClues(string? Reference, IReadOnlyList<string> RepliesTo, IReadOnlyList<string> DeviceIds)
{
    [GeneratedRegex(@"\[(PS-\d{1,18})\]", RegexOptions.IgnoreCase)]
    private static partial Regex ReferenceTag();

    // 24 hex digits standing alone: longer hex runs (hashes, message ids) are not device ids.
    [GeneratedRegex(@"(?<![0-9A-Za-z])[0-9a-fA-F]{24}(?![0-9A-Za-z])")]
    private static partial Regex DeviceId();

    public static MailClues Of(MimeMessage message, IReadOnlyList<FlashAttachment> attachments, string newText)
    {
        var reference = ReferenceTag().Match(message.Subject ?? "") is { Success: true } tag ? tag.Groups[1].Value.ToUpperInvariant() : null;
        var repliesTo = new[] { message.InReplyTo }.Concat(message.References).OfType<string>().Where(id => id.Length > 0).Distinct().ToArray();
        var deviceIds = attachments.Select(a => a.FileName).Append(message.Subject ?? "").Append(newText)
            .SelectMany(text => DeviceId().Matches(text)).Select(m => Domain.Devices.DeviceIds.Normalize(m.Value)).Distinct().ToArray();
        return new MailClues(reference, repliesTo, deviceIds);
    }
}
