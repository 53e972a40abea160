namespace PhotonSupport.Workers.Mail.Outbound;

/// <summary>
/// The SMTP server could not take a mail now (down, unreachable, a dropped connection, a 4xx "try later"),
/// so trying again later can succeed. Raised with the cause inside, so the retry policy can single out the
/// failures worth waiting for and leave the others (a 5xx refusal of a recipient) to fail at once.
/// </summary>
public sealed class MailServerUnavailable(string server, Exception cause)
    : Exception($"The SMTP server {server} did not take the mail: {cause.Message}", cause);
