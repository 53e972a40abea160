using JasperFx;
using JasperFx.Resources;
using JasperFx.Events.Daemon;
using Wolverine.ErrorHandling;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PhotonSupport.Workers.Auth;
using PhotonSupport.Workers.Backups;
using PhotonSupport.Workers.Jobs;
using PhotonSupport.Workers.Mail.Outbound;
using PhotonSupport.Workers.Mail.Inbound;
using PhotonSupport.Workers.ReadModels;
using PhotonSupport.Workers.Settings;
using PhotonSupport.Workers.Telemetry;
using PhotonSupport.Workers.Tickets;
using PhotonSupport.Workers.Uploads;
using PhotonSupport.Workers.Validation;
using PhotonSupport.Workers.Waiting;
using Wolverine;
using Wolverine.Marten;

namespace PhotonSupport.Workers.Hosting;

/// <summary>The one wiring every host uses: the Api, the headless worker and the migrations console.</summary>
public static class PhotonSupportWiring
{
    public const string ConnectionStringName = "PhotonSupport";
    public const string ConnectionStringVariable = "PHOTONSUPPORT_DB";
    public const string OwnerNotificationsQueue = "owner-notifications";
    public const string OutboundMailQueue = "outbound-mail";

    public static IHostApplicationBuilder AddPhotonSupport(this IHostApplicationBuilder builder)
    {
        var connectionString = DatabaseConnectionString(builder.Configuration);
        // Production's schema changes only when an operator applies it (the Migrations console); elsewhere (Development,
        // the tests) the hosts create and update it as they start.
        var schemaIsFixed = builder.Environment.IsProduction();
        if (schemaIsFixed) builder.Services.AddHostedService<SchemaIsCurrent>();
        var node = NodeOptions.From(builder.Configuration);

        builder.Services.UseGeneratedCode();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddCheckedSettings<JobOptions>(builder.Configuration, JobOptions.Section);
        builder.Services.AddCheckedSettings<VaultOptions>(builder.Configuration, VaultOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<VaultOptions>, VaultKeyCheck>();
        var jobSignals = new JobSignals();
        builder.Services.AddSingleton(jobSignals);
        builder.Services.AddSingleton<JobDispatcher>();
        builder.Services.AddSingleton<BackupVault>();
        var retention = RetentionOptions.From(builder.Configuration);
        builder.Services.AddSingleton(retention);
        var waiting = WaitingOptions.From(builder.Configuration);
        builder.Services.AddSingleton(waiting);
        builder.Services.AddSingleton(UploadLinkOptions.From(builder.Configuration));
        FluentValidationPolicy.AddValidators(builder.Services);
        builder.Services.AddSingleton<ApiKeys>();
        builder.Services.AddSingleton<ProjectionFreshness>();
        builder.Services.AddCheckedSettings<OutboundMailOptions>(builder.Configuration, OutboundMailOptions.Section);
        builder.Services.AddSingleton<IOutboundMailTransport>(services =>
            services.GetRequiredService<IOptions<OutboundMailOptions>>().Value.Smtp.Configured
                ? ActivatorUtilities.CreateInstance<SmtpTransport>(services)
                : ActivatorUtilities.CreateInstance<PickupFolderTransport>(services));
        builder.Services.AddSingleton<MailDeliveryLedger>();
        builder.Services.AddHostedService<OutboundMailStartupLog>();
        builder.AddInboundMail(node.RunsBackgroundWork);
        builder.AddPhotonSupportTelemetry();

        var marten = builder.Services.AddMarten(opts =>
            {
                opts.Connection(connectionString);
                TicketStore.Configure(opts);
                BackupImageTable.Configure(opts);
                ApiKeyStore.Configure(opts);
                MailDeliveryLedger.Configure(opts);
                JobStore.Configure(opts, jobSignals);
                if (schemaIsFixed) opts.AutoCreateSchemaObjects = AutoCreate.None;
                opts.Projections.LeadershipPollingTime = (int)node.ProjectionLeadershipPolling.TotalMilliseconds;
            })
            .UseLightweightSessions()
            .IntegrateWithWolverine(w => w.MessageStorageSchemaName = "wolverine")
            // HotCold: every node with background work may run the daemon; an advisory lock picks the one that does.
            .AddAsyncDaemon(node.RunsBackgroundWork ? DaemonMode.HotCold : DaemonMode.Disabled)
            .PublishEventsToWolverine(OwnerMailTriggers.SubscriptionName, OwnerMailTriggers.Relay)
            .PublishEventsToWolverine(BackupRetentionTriggers.SubscriptionName, BackupRetentionTriggers.Relay(retention))
            .PublishEventsToWolverine(BackupChaseTriggers.SubscriptionName, BackupChaseTriggers.Relay(waiting));
        // Every resource (Marten's schema, Wolverine's message storage, ours) is set up before any hosted service starts:
        // Wolverine builds its storage itself only where its durability agent runs, which an Api-role node lacks.
        if (!schemaIsFixed) builder.Services.AddResourceSetupOnStartup();

        builder.UseWolverine(opts =>
        {
            opts.Discovery.IncludeAssembly(typeof(PhotonSupportWiring).Assembly);
            // Where the handler code generated ahead of time is compiled in, and where Wolverine looks for it (GeneratedCode).
            opts.ApplicationAssembly = GeneratedCode.Assembly;
            if (schemaIsFixed) opts.AutoBuildMessageStorageOnStartup = AutoCreate.None;
            // Balanced: durable inbox/outbox recovery and scheduled messages are shared out across nodes.
            opts.Durability.Mode = DurabilityMode.Balanced;
            opts.Durability.HealthCheckPollingTime = node.HealthCheckPolling;
            opts.Durability.StaleNodeTimeout = node.StaleNodeTimeout;
            // The durability agent (scheduled messages, a dead node's inbox and outbox) goes only to nodes with background work,
            // and only they may lead: a leader places only the agents its own node knows, so an Api node elected after the
            // leader died never placed the durability agent again (the multi-node test lost its scheduled and recovered mail).
            opts.Durability.DurabilityAgentEnabled = node.RunsBackgroundWork;
            opts.Durability.LeadershipEligible = node.RunsBackgroundWork;
            opts.Policies.AutoApplyTransactions();
            opts.Policies.UseDurableLocalQueues();
            opts.Policies.Add(new FluentValidationPolicy());
            opts.Policies.Add(new MessageLogScope());
            // A command that lost an append race is decided again on the fresh stream: without an expected
            // version it then simply succeeds; with a stale one the decision refuses it as stale.
            opts.OnException<ConcurrencyException>().RetryTimes(3);
            opts.PublishMessage<RecoveryJobOutcomeForOwner>().ToLocalQueue(OwnerNotificationsQueue);
            opts.PublishMessage<OwnerMailDue>().ToLocalQueue(OwnerNotificationsQueue);
            // Composing and sending are apart, so an SMTP outage holds back only the sending (SendOwnerMailHandler retries it).
            opts.PublishMessage<SendOwnerMail>().ToLocalQueue(OutboundMailQueue);
        });

        return builder;
    }

    private static string DatabaseConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName)
        ?? configuration[ConnectionStringVariable]
        ?? throw new DatabaseNotConfiguredException(
            $"No database configured: set {ConnectionStringVariable} (or ConnectionStrings:{ConnectionStringName}) " +
            "to a PostgreSQL connection string, or start the system with ./run.sh, which runs a local PostgreSQL for you.");
}
