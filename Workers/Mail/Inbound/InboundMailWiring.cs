using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PhotonSupport.Workers.Mail.Inbound;

/// <summary>The inbound half of mail: the mailbox worker, its settings and the documents it keeps.</summary>
public static class InboundMailWiring
{
    public static IHostApplicationBuilder AddInboundMail(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<MailServerSettings>(InboundMailOptions.ImapSettings, builder.Configuration.GetSection(InboundMailOptions.ImapSection));
        builder.Services.Configure<InboundMailOptions>(builder.Configuration.GetSection(InboundMailOptions.Section));
        builder.Services.AddSingleton<InboundMailMetrics>();
        builder.Services.ConfigureMarten(opts =>
        {
            opts.Schema.For<ReceivedMail>();
            opts.Schema.For<MailboxCursor>();
        });
        // Every node with Mail:Imap set watches the mailbox; two at once are safe (a mail is handled once, by Message-ID), only wasteful.
        builder.Services.AddHostedService<InboundMailWorker>();
        return builder;
    }
}
