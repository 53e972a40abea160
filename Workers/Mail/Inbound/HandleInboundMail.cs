using MimeKit;

namespace PhotonSupport.Workers.Mail.Inbound;

/// <summary>
/// A mail fetched from the support mailbox, parsed. Invoked in-process by the mailbox worker (never
/// queued: a parsed mail is not a wire message); the answer says which folder the mail goes to.
/// </summary>
public sealed record HandleInboundMail(MimeMessage Message);
