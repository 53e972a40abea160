using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;

namespace PhotonSupport.Api.Tests;

/// <summary>
/// Log lines written while a request, or a message handled in the background, about a ticket or a job runs carry them
/// in their scope (an Api of its own, to listen to its log).
/// </summary>
public sealed class TicketLogScopes(ApiFixture api) : ApiTest(api)
{
    // ASP.NET Core logs "Executing endpoint" under this category from inside the pipeline, at Information.
    private const string EndpointCategory = "Microsoft.AspNetCore.Routing.EndpointMiddleware";
    // The test Api writes owners' mail to a folder and logs each one under this category, from the outbound mail queue.
    private const string MailCategory = "PhotonSupport.Workers.Mail.Outbound.PickupFolderTransport";

    private readonly ScopedLog _log = new();
    private ListenedApi? _api;

    private HttpClient Client => _api!.Client;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _api = await ListenedApi.StartAsync(Api, "scopes", _log, Cancellation);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_api is not null) await _api.DisposeAsync();
        await base.DisposeAsync();
    }

    private sealed record Entry(string Category, string Message, IReadOnlyDictionary<string, string?> Scope);

    private sealed class ScopedLog : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<Entry> Entries { get; } = new();

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

        public void Dispose() { }

        private sealed class Logger(string category, ScopedLog log) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => log._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scope = new Dictionary<string, string?>();
                log._scopes.ForEachScope((item, into) =>
                {
                    if (item is IEnumerable<KeyValuePair<string, object>> pairs)
                        foreach (var (key, value) in pairs) into[key] = value?.ToString();
                }, scope);
                log.Entries.Enqueue(new Entry(category, formatter(state, exception), scope));
            }
        }
    }

    private Entry EndpointLineSince(int mark) => _log.Entries.Skip(mark).First(e => e.Category == EndpointCategory);

    [Fact]
    public async Task A_request_for_a_ticket_by_its_reference_logs_under_the_ticket_and_its_reference()
    {
        var opened = await (await Client.PostAsJsonAsync("/api/tickets", PhotonReport(), Cancellation)).Content.ReadFromJsonAsync<Opened>(Cancellation);
        var mark = _log.Entries.Count;

        await Client.GetAsync($"/api/tickets/{opened!.Reference}", Cancellation);

        var scope = EndpointLineSince(mark).Scope;
        scope["TicketId"].ShouldBe(opened.Id.ToString());
        scope["TicketReference"].ShouldBe(opened.Reference);
        scope.ShouldNotContainKey("JobId");
    }

    [Fact]
    public async Task A_request_about_a_job_logs_under_the_ticket_and_the_job()
    {
        var opened = await (await Client.PostAsJsonAsync("/api/tickets", PhotonReport(), Cancellation)).Content.ReadFromJsonAsync<Opened>(Cancellation);
        var job = Guid.NewGuid();
        var mark = _log.Entries.Count;

        await Client.PostAsJsonAsync($"/api/tickets/{opened!.Id}/jobs/{job}/cancel", new { reason = "the owner took the device back" }, Cancellation);

        var scope = EndpointLineSince(mark).Scope;
        scope["TicketId"].ShouldBe(opened.Id.ToString());
        scope["JobId"].ShouldBe(job.ToString());
        scope.ShouldNotContainKey("TicketReference");
    }

    [Fact]
    public async Task A_request_about_no_ticket_logs_no_ticket()
    {
        var mark = _log.Entries.Count;

        await Client.GetAsync("/api/me", Cancellation);

        EndpointLineSince(mark).Scope.Keys.ShouldNotContain(key => key == "TicketId" || key == "JobId");
    }

    [Fact]
    public async Task The_mail_a_request_owes_the_owner_is_sent_in_the_background_under_its_ticket()
    {
        var opened = await (await Client.PostAsJsonAsync("/api/tickets", PhotonReport(), Cancellation)).Content.ReadFromJsonAsync<Opened>(Cancellation);

        // The backup request commits; a subscription relays it to the owner-mail queue, whose handler composes the mail
        // and queues it for sending: no request is running when the mail is written.
        await Client.PostAsJsonAsync($"/api/tickets/{opened!.Id}/backup-requests", new { }, Cancellation);

        Entry? mail = null;
        await Eventually.UntilAsync("the backup request's mail to be written", () =>
            Task.FromResult((mail = _log.Entries.FirstOrDefault(e => e.Category == MailCategory && e.Message.Contains(opened.Id.ToString()))) is not null));
        mail!.Scope["TicketId"].ShouldBe(opened.Id.ToString());
        mail.Scope.ShouldNotContainKey("TicketReference");
    }

    private sealed record Opened(Guid Id, string Reference);
}
