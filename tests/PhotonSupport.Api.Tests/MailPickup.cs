using MimeKit;

namespace PhotonSupport.Api.Tests;

/// <summary>
/// Reads the mail the Api wrote to its pickup folder. Mails are told apart by the ticket reference in their
/// subject, so a mail of an earlier test that arrives late is never taken for this test's.
/// </summary>
public sealed class MailPickup(string folder)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public IReadOnlyList<MimeMessage> For(string reference) =>
        Directory.EnumerateFiles(folder)
            .Where(path => path.EndsWith(".eml", StringComparison.Ordinal))
            .Select(path => MimeMessage.Load(path))
            .Where(m => m.Subject is { } subject && subject.StartsWith($"[{reference}] ", StringComparison.Ordinal))
            .ToList();

    /// <summary>The ticket's mail whose subject contains <paramref name="subject"/>, polled for until it is there or <see cref="Patience"/> ran out.</summary>
    public async Task<MimeMessage> WaitForAsync(string reference, string subject)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var found = For(reference).FirstOrDefault(m => m.Subject!.Contains(subject, StringComparison.Ordinal));
            if (found is not null) return found;
            if (DateTimeOffset.UtcNow > deadline)
                throw new TimeoutException($"No mail for {reference} with '{subject}' in its subject reached {folder} within {Patience.TotalSeconds} s; " +
                                           $"the folder holds: {string.Join("; ", Directory.EnumerateFiles(folder).Select(Path.GetFileName))}");
            await Task.Delay(Interval, TestContext.Current.CancellationToken);
        }
    }
}
