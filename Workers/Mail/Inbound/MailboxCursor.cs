namespace PhotonSupport.Workers.Mail.Inbound;

/// <summary>
/// How far the worker got in a mailbox: the last UID it handled and moved, valid while the mailbox's
/// UIDVALIDITY stays the same (RFC 3501 §2.3.1.1: a new UIDVALIDITY means the old UIDs mean nothing).
/// </summary>
public sealed class MailboxCursor
{
    /// <summary>user@host/mailbox.</summary>
    public string Id { get; set; } = "";

    public uint UidValidity { get; set; }

    public uint LastUid { get; set; }
}
