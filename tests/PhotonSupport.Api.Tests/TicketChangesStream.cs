using System.Net;
using System.Text.Json.Nodes;
using Marten;
using PhotonSupport.Domain.Agents;
using PhotonSupport.Workers.Auth;

namespace PhotonSupport.Api.Tests;

/// <summary>The live changes: server-sent events of one ticket or of the queue, resumable from the last event id.</summary>
public class TicketChangesStream(ApiFixture api) : ApiTest(api)
{
    private sealed record Message(string? Id, string Type, JsonNode Data);

    /// <summary>An open event stream, read one message at a time; every read gives up after a bound rather than hang the run.</summary>
    private sealed class Watcher(HttpResponseMessage response, StreamReader reader) : IAsyncDisposable
    {
        private static readonly TimeSpan ReadBound = TimeSpan.FromSeconds(30);

        public static async Task<Watcher> OpenAsync(HttpClient client, string path, string? lastEventId = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancellation);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
            var watcher = new Watcher(response, new StreamReader(await response.Content.ReadAsStreamAsync(Cancellation)));
            // The stream's opening comment: from here on, whatever happens is on it.
            (await watcher.ReadLineAsync()).ShouldStartWith(":");
            return watcher;
        }

        /// <summary>The next message that <paramref name="wanted"/> accepts, passing over others and comments.</summary>
        public async Task<Message> NextAsync(Func<Message, bool>? wanted = null)
        {
            while (true)
            {
                var message = await NextMessageAsync();
                if (wanted is null || wanted(message)) return message;
            }
        }

        private async Task<Message> NextMessageAsync()
        {
            var fields = new Dictionary<string, string>();
            while (true)
            {
                var line = await ReadLineAsync();
                if (line.Length == 0 && fields.ContainsKey("data")) return new Message(fields.GetValueOrDefault("id"), fields["event"], JsonNode.Parse(fields["data"])!);
                if (line.Length == 0 || line.StartsWith(':')) continue;
                var colon = line.IndexOf(':');
                fields[line[..colon]] = line[(colon + 1)..].TrimStart();
            }
        }

        private async Task<string> ReadLineAsync()
        {
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
            bound.CancelAfter(ReadBound);
            return await reader.ReadLineAsync(bound.Token) ?? throw new EndOfStreamException("The Api ended the stream.");
        }

        public ValueTask DisposeAsync()
        {
            reader.Dispose();
            response.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private Task<Watcher> WatchAsync(Guid ticket, string? lastEventId = null) => Watcher.OpenAsync(Api.Http, $"/api/tickets/{ticket}/changes", lastEventId);

    private async Task NoteAsync(Guid ticket, string text) =>
        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/notes", new { text }), HttpStatusCode.OK);

    /// <summary>The global sequence numbers of the ticket's events after <paramref name="after"/>, straight from the event store.</summary>
    private async Task<long[]> SequencesAsync(Guid ticket, long after)
    {
        await using var session = Api.Store.QuerySession();
        return (await session.Events.QueryAllRawEvents().Where(e => e.StreamId == ticket && e.Sequence > after).OrderBy(e => e.Sequence)
            .ToListAsync(Cancellation)).Select(e => e.Sequence).ToArray();
    }

    [Fact]
    public async Task A_note_added_while_watching_a_ticket_arrives_with_its_sequence_as_id()
    {
        var ticket = await OpenAsync();
        var opened = await SequencesAsync(ticket, 0);
        var reference = (await GetAsync($"/api/tickets/{ticket}"))["reference"]!.GetValue<string>();
        await using var watcher = await WatchAsync(ticket);

        await NoteAsync(ticket, "owner will bring it on Tuesday");

        var message = await watcher.NextAsync();
        message.Type.ShouldBe("NoteAdded");
        message.Id.ShouldBe((await SequencesAsync(ticket, opened[^1])).Single().ToString());
        message.Data["ticketId"]!.GetValue<Guid>().ShouldBe(ticket);
        message.Data["reference"]!.GetValue<string>().ShouldBe(reference);
        message.Data["version"]!.GetValue<long>().ShouldBe(opened.Length + 1);
        message.Data["actor"]!.GetValue<string>().ShouldBe($"test-{Roles.Supervisor}");
        message.Data["text"].ShouldBeNull();
    }

    [Fact]
    public async Task A_watcher_that_reconnects_with_the_last_event_id_gets_exactly_what_it_missed_first()
    {
        var ticket = await OpenAsync();
        string lastSeen;
        await using (var watcher = await WatchAsync(ticket))
        {
            await NoteAsync(ticket, "first");
            lastSeen = (await watcher.NextAsync()).Id!;
        }

        await NoteAsync(ticket, "second");
        await NoteAsync(ticket, "third");
        var missed = await SequencesAsync(ticket, long.Parse(lastSeen));

        await using var again = await WatchAsync(ticket, lastSeen);
        var first = new[] { await again.NextAsync(), await again.NextAsync() };
        missed.Length.ShouldBe(2);
        first.Select(m => m.Id).ShouldBe(missed.Select(s => s.ToString()));
        first.Select(m => m.Type).ShouldBe(["NoteAdded", "NoteAdded"]);
    }

    [Fact]
    public async Task An_agents_progress_reaches_a_watcher_of_the_ticket_without_an_event_id()
    {
        var ticket = await OpenAsync();
        var job = (await ReadAsync(await PostAsync($"/api/tickets/{ticket}/jobs", new { kind = "Backup" }), HttpStatusCode.Created))["jobId"]!.GetValue<Guid>();
        await using var watcher = await WatchAsync(ticket);
        var agent = Api.ClientFor(Roles.Agent);
        var claim = (await ReadAsync(await PostAsync("/api/agents/claims?waitSeconds=0",
            new { devices = new[] { new { deviceId = PhotonId, platform = "Photon" } } }, agent), HttpStatusCode.OK))["claimId"]!.GetValue<Guid>();

        await ReadAsync(await PostAsync(AgentPaths.HeartbeatOf(job, claim), new { progressPercent = 40, message = "reading 0x08060000" }, agent), HttpStatusCode.OK);

        var progress = await watcher.NextAsync(m => m.Type == "progress");
        progress.Id.ShouldBeNull();
        progress.Data["ticketId"]!.GetValue<Guid>().ShouldBe(ticket);
        progress.Data["jobId"]!.GetValue<Guid>().ShouldBe(job);
        progress.Data["progressPercent"]!.GetValue<int>().ShouldBe(40);
        progress.Data["message"]!.GetValue<string>().ShouldBe("reading 0x08060000");
    }

    [Fact]
    public async Task A_watcher_of_the_queue_sees_the_events_of_every_ticket()
    {
        await using var watcher = await Watcher.OpenAsync(Api.Http, "/api/tickets/changes");

        var first = await OpenAsync(PhotonReport(deviceId: AnotherPhoton(1)));
        var second = await OpenAsync(PhotonReport(deviceId: AnotherPhoton(2)));

        var reported = new[] { await watcher.NextAsync(m => m.Type == "DeviceReported"), await watcher.NextAsync(m => m.Type == "DeviceReported") };
        reported.Select(m => m.Data["ticketId"]!.GetValue<Guid>()).ShouldBe([first, second]);
    }

    [Fact]
    public async Task A_note_added_through_one_api_node_reaches_a_watcher_on_another()
    {
        var ticket = await OpenAsync();
        await using var otherNode = await Api.StartAnotherAsync(Api.ConnectionString);
        using var client = new HttpClient { BaseAddress = new Uri(otherNode.Urls.Single()) };
        client.DefaultRequestHeaders.Authorization = Api.Http.DefaultRequestHeaders.Authorization;
        await using var watcher = await Watcher.OpenAsync(client, $"/api/tickets/{ticket}/changes");

        await NoteAsync(ticket, "written on the first node");

        (await watcher.NextAsync(m => m.Type == "NoteAdded")).Data["ticketId"]!.GetValue<Guid>().ShouldBe(ticket);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("-1")]
    public async Task A_last_event_id_that_is_no_sequence_is_a_400(string lastEventId)
    {
        var ticket = await OpenAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/tickets/{ticket}/changes") { Headers = { { "Last-Event-ID", lastEventId } } };

        var problem = await ReadAsync(await Api.Http.SendAsync(request, Cancellation), HttpStatusCode.BadRequest);

        problem["errors"]!["Last-Event-ID"].ShouldNotBeNull();
    }

    [Fact]
    public async Task An_agent_key_may_not_watch_tickets()
    {
        var ticket = await OpenAsync();

        await ReadAsync(await Api.ClientFor(Roles.Agent).GetAsync($"/api/tickets/{ticket}/changes", Cancellation), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Watching_a_ticket_that_does_not_exist_is_a_404() =>
        await GetAsync($"/api/tickets/{Guid.NewGuid()}/changes", HttpStatusCode.NotFound);
}
