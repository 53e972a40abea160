using System.Text;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PhotonSupport.Workers.Settings;

namespace PhotonSupport.Workers.Mail.Inbound;

/// <summary>The inbound half of mail: the mailbox worker, its settings and the documents it keeps.</summary>
public static class InboundMailWiring
{
    public static IHostApplicationBuilder AddInboundMail(this IHostApplicationBuilder builder)
    {
        RegisterMailCharsets();
        builder.Services.AddCheckedSettings<MailServerSettings>(builder.Configuration, InboundMailOptions.ImapSection, InboundMailOptions.ImapSettings);
        builder.Services.AddCheckedSettings<InboundMailOptions>(builder.Configuration, InboundMailOptions.Section);
        builder.Services.AddSingleton<InboundMailMetrics>();
        builder.Services.ConfigureMarten(opts =>
        {
            opts.Schema.For<ReceivedMail>();
            opts.Schema.For<MailboxCursor>();
        });
        // Every node with Mail:Imap set watches the mailbox. Two at once are safe (a mail is handled once, by Message-ID),
        // but wasteful, and IMAP has no locks: both may move one mail, leaving two copies in Processed. Set it on one node.
        builder.Services.AddHostedService<InboundMailWorker>();
        return builder;
    }

    /// <summary>
    /// .NET knows only the Unicode charsets and Latin-1 unless asked: without the code pages MimeKit cannot
    /// decode windows-1252 or Shift_JIS text, and reading any winmail.dat (TNEF is windows-1252) throws.
    /// Registering twice is harmless.
    /// </summary>
    public static void RegisterMailCharsets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}
