using Microsoft.Extensions.Logging;
using PhotonSupport.Workers.Jobs;
using PhotonSupport.Workers.Mail.Inbound;
using PhotonSupport.Workers.Telemetry;

namespace PhotonSupport.Workers.Tests.Telemetry;

/// <summary>What a handled message puts in the log scope: its ticket and job, by the names the Api's requests use.</summary>
public class MessageLogScopes
{
    private static readonly Guid Ticket = Guid.Parse("6f1c2a3e-0000-4000-8000-000000000001");
    private static readonly Guid Job = Guid.Parse("6f1c2a3e-0000-4000-8000-000000000002");

    [Fact]
    public void A_message_about_a_job_scopes_its_ticket_and_its_job()
    {
        var logger = new ScopeRecorder();

        MessageLogScope.Begin(new CheckRecoveryJobLease(Ticket, Job, Attempt: 1), logger);

        logger.Scope.ShouldBe([new("TicketId", Ticket), new KeyValuePair<string, object>("JobId", Job)]);
    }

    [Fact]
    public void A_message_about_a_ticket_alone_scopes_the_ticket_alone()
    {
        var logger = new ScopeRecorder();

        MessageLogScope.Begin(new PhotonSupport.Domain.Tickets.RemindOwnerOfBackup(Ticket, DateTimeOffset.Parse("2026-11-30T08:00:00Z")), logger);

        logger.Scope.ShouldBe([new KeyValuePair<string, object>("TicketId", Ticket)]);
    }

    [Fact]
    public void A_message_about_no_ticket_or_job_gets_no_scope_woven_in()
    {
        var chains = new[] { typeof(HandleInboundMail), typeof(CheckRecoveryJobLease) }
            .Select(type => new Wolverine.Runtime.Handlers.HandlerChain(type, new Wolverine.Runtime.Handlers.HandlerGraph()))
            .ToArray();

        new MessageLogScope().Apply(chains, new JasperFx.CodeGeneration.GenerationRules(), null!);

        chains.Select(c => c.Middleware.Count).ShouldBe([0, 1]);
    }

    private sealed class ScopeRecorder : ILogger<MessageLogScope>
    {
        public IEnumerable<KeyValuePair<string, object>>? Scope { get; private set; }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            Scope = (IEnumerable<KeyValuePair<string, object>>)state;
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) { }
    }
}
