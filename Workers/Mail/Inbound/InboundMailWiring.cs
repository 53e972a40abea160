using System.Text;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PhotonSupport.Workers.Settings;
using Wolverine.Runtime.Agents;

namespace PhotonSupport.Workers.Mail.Inbound;

/// <summary>The inbound half of mail: the mailbox worker, its settings and the documents it keeps.</summary>
public static class InboundMailWiring
{
    /// <param name="readsHere">This node may be given the mailbox (see <see cref="MailboxReader"/>).</param>
    public static IHostApplicationBuilder AddInboundMail(this IHostApplicationBuilder builder, bool readsHere)
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
        // One reader in the cluster, placed by Wolverine's leader: two would both move one mail (IMAP has no locks).
        builder.Services.AddSingleton<IAgentFamily>(services => new MailboxReader(services, readsHere));
        return builder;
    }

    /// <summary>
    /// .NET knows only the Unicode charsets and Latin-1 unless asked: without the code pages MimeKit cannot
    /// decode windows-1252 or Shift_JIS text, and reading any winmail.dat (TNEF is windows-1252) throws.
    /// Registering twice is harmless.
    /// </summary>
    public static void RegisterMailCharsets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}
