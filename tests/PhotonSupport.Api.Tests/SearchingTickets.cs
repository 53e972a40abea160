using System.Net;
using Marten;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Search;
using Weasel.Core;

namespace PhotonSupport.Api.Tests;

/// <summary>
/// Full-text search over what people wrote about a case. No test waits for the projection itself:
/// a search made after a command was answered must already see it.
/// </summary>
public class SearchingTickets(ApiFixture api) : ApiTest(api)
{
    private Task<(Guid Id, string Reference)> OpenWithReferenceAsync(string deviceId) => OpenWithReferenceAsync(PhotonReport(deviceId: deviceId));

    private async Task NoteAsync(Guid ticket, string text) =>
        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/notes", new { text }), HttpStatusCode.OK);

    private async Task<System.Text.Json.Nodes.JsonNode[]> HitsAsync(string query) =>
        (await GetAsync($"/api/search?q={Uri.EscapeDataString(query)}"))["hits"]!.AsArray().Select(h => h!).ToArray();

    private static Guid[] Ids(IEnumerable<System.Text.Json.Nodes.JsonNode> hits) => hits.Select(h => h["ticketId"]!.GetValue<Guid>()).ToArray();

    [Fact]
    public async Task A_word_of_a_note_finds_its_ticket_with_the_word_marked_in_the_snippet()
    {
        var noted = await OpenWithReferenceAsync(AnotherPhoton(1));
        await OpenWithReferenceAsync(AnotherPhoton(2));
        await NoteAsync(noted.Id, "Owner swapped the antenna for a u.FL one before the fault.");

        var hit = (await HitsAsync("antenna")).ShouldHaveSingleItem();

        hit["ticketId"]!.GetValue<Guid>().ShouldBe(noted.Id);
        hit["reference"]!.GetValue<string>().ShouldBe(noted.Reference);
        hit["status"]!.GetValue<string>().ShouldBe("Open");
        hit["href"]!.GetValue<string>().ShouldBe($"/api/tickets/{noted.Id}");
        hit["snippet"]!.GetValue<string>().ShouldContain("swapped the <mark>antenna</mark> for");
    }

    [Fact]
    public async Task A_word_of_a_corrected_symptom_finds_its_ticket()
    {
        var corrected = await OpenWithReferenceAsync(AnotherPhoton(1));
        await OpenWithReferenceAsync(AnotherPhoton(2));
        await ReadAsync(await PostAsync($"/api/tickets/{corrected.Id}/report", new { symptom = "It flickers green near the microwave oven." }),
            HttpStatusCode.OK);

        (await HitsAsync("microwave")).ShouldHaveSingleItem()!["ticketId"]!.GetValue<Guid>().ShouldBe(corrected.Id);
    }

    [Fact]
    public async Task A_word_of_a_customer_reply_finds_its_ticket()
    {
        var replied = await OpenWithReferenceAsync(AnotherPhoton(1));
        await OpenWithReferenceAsync(AnotherPhoton(2));
        await GivenEventsAsync(replied.Id, new CustomerReplied(replied.Id, "reply-1@example.com", "owner@example.com", FromOwner: true,
            $"Re: [{replied.Reference}] your Photon", "I ran the backup on the workbench in my garage.", DateTimeOffset.UtcNow));

        Ids(await HitsAsync("garage")).ShouldBe([replied.Id]);
    }

    [Fact]
    public async Task A_reference_typed_as_a_word_finds_its_ticket_first()
    {
        var wanted = await OpenWithReferenceAsync(AnotherPhoton(1));
        var mentioning = await OpenWithReferenceAsync(AnotherPhoton(2));
        await OpenWithReferenceAsync(AnotherPhoton(3));
        await NoteAsync(mentioning.Id, $"Same pattern as {wanted.Reference} last week.");

        var hits = await HitsAsync(wanted.Reference.ToLowerInvariant());

        Ids(hits).ShouldBe([wanted.Id, mentioning.Id]);
        hits[0]["exactMatch"]!.GetValue<bool>().ShouldBeTrue();
        hits[1]["exactMatch"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task A_device_id_finds_that_devices_tickets_before_tickets_that_mention_it()
    {
        var first = await OpenWithReferenceAsync(PhotonId);
        await ReadAsync(await PostAsync($"/api/tickets/{first.Id}/resolve", new { resolution = "keys server" }), HttpStatusCode.OK);
        var mentioning = await OpenWithReferenceAsync(AnotherPhoton(2));
        await NoteAsync(mentioning.Id, $"Bought from the same batch as {PhotonId}.");
        var second = await OpenWithReferenceAsync(PhotonId);

        var hits = await HitsAsync(PhotonId.ToUpperInvariant());

        Ids(hits.Take(2)).ShouldBe([first.Id, second.Id], ignoreOrder: true);
        Ids(hits.Skip(2)).ShouldBe([mentioning.Id]);
        hits[0..2].ShouldAllBe(h => h["exactMatch"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Search_is_stemmed_in_english()
    {
        var noted = await OpenWithReferenceAsync(AnotherPhoton(1));
        await OpenWithReferenceAsync(AnotherPhoton(2));
        await NoteAsync(noted.Id, "The status LED flickers whenever the battery sags.");

        var hit = (await HitsAsync("flickering")).ShouldHaveSingleItem();

        hit["ticketId"]!.GetValue<Guid>().ShouldBe(noted.Id);
        hit["snippet"]!.GetValue<string>().ShouldContain("<mark>flickers</mark>");
    }

    [Fact]
    public async Task The_snippet_is_escaped_html_with_only_the_marks_as_tags()
    {
        var noted = await OpenWithReferenceAsync(AnotherPhoton(1));
        await NoteAsync(noted.Id, "Owner measured 3V3 < 5V & \"fine\" on the pins.");

        var hit = (await HitsAsync("measured")).ShouldHaveSingleItem();

        hit["snippet"]!.GetValue<string>().ShouldContain("Owner <mark>measured</mark> 3V3 &lt; 5V &amp; &quot;fine&quot; on the pins");
    }

    [Fact]
    public async Task A_search_that_finds_nothing_is_an_empty_list()
    {
        await OpenWithReferenceAsync(AnotherPhoton(1));

        (await HitsAsync("zeppelin")).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_limit_caps_the_hits()
    {
        for (var i = 1; i <= 3; i++) await OpenWithReferenceAsync(AnotherPhoton(i));

        (await GetAsync("/api/search?q=battery&limit=2"))["hits"]!.AsArray().Count.ShouldBe(2);
        (await GetAsync("/api/search?q=battery&limit=50"))["hits"]!.AsArray().Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_word_many_tickets_have_gives_at_most_the_page_the_most_mentions_first()
    {
        var tickets = new List<Guid>();
        for (var i = 1; i <= 3; i++) tickets.Add((await OpenWithReferenceAsync(AnotherPhoton(i))).Id);
        await NoteAsync(tickets[0], "The regulator runs hot.");
        await NoteAsync(tickets[1], "The regulator runs hot; a second regulator, from a kit, runs hot as well, like every regulator of that batch.");
        await NoteAsync(tickets[2], "The regulator runs hot.");

        var hits = (await GetAsync("/api/search?q=regulator&limit=2"))["hits"]!.AsArray();

        hits.Count.ShouldBe(2);
        hits[0]!["ticketId"]!.GetValue<Guid>().ShouldBe(tickets[1]);
    }

    [Fact]
    public async Task A_word_in_more_than_a_thousand_tickets_is_ranked_among_the_newest_thousand_only()
    {
        // Arranged through the event store: a thousand tickets over HTTP would take most of a minute.
        var now = DateTimeOffset.UtcNow;
        var older = Guid.CreateVersion7(now.AddMinutes(-1));
        var newestBest = Guid.CreateVersion7(now);
        await using (var session = Api.Store.LightweightSession())
        {
            void Report(Guid id, int n, string symptom) => session.Events.StartStream<Ticket>(id,
                new DeviceReported(id, $"PS-W{n}", AnotherPhoton(n), Platform.Photon, "owner@example.com", symptom, null, "support", now));
            Report(older, 0, "A kestrel sticker on the case, a kestrel decal, a kestrel on the box.");
            Report(newestBest, 1, "Bought at the kestrel stall, kestrel brand charger.");
            for (var n = 2; n <= 1_000; n++) Report(Guid.CreateVersion7(now), n, "Bought at the kestrel stall.");
            await session.SaveChangesAsync(Cancellation);
        }
        await Api.ProjectionsCaughtUpAsync();

        var hits = await HitsAsync("kestrel");

        hits.Length.ShouldBe(20);
        hits[0]["ticketId"]!.GetValue<Guid>().ShouldBe(newestBest);
        Ids(hits).ShouldNotContain(older);
        Ids(await HitsAsync("kestrel sticker")).ShouldBe([older]);
    }

    [Fact]
    public async Task The_stored_vectors_schema_is_found_as_declared_so_a_restart_changes_nothing()
    {
        var migration = await Api.Store.Storage.Database.CreateMigrationAsync(new TicketSearchVectors(((DocumentStore)Api.Store).Options), Cancellation);

        migration.Difference.ShouldBe(SchemaPatchDifference.None,
            string.Join("; ", migration.Deltas.Where(d => d.Difference != SchemaPatchDifference.None).Select(d => $"{d.SchemaObject.Identifier}: {d.Difference}")));
    }

    [Fact]
    public async Task A_query_of_200_characters_is_accepted() =>
        (await GetAsync($"/api/search?q={new string('a', 200)}"))["hits"]!.AsArray().ShouldBeEmpty();

    [Theory]
    [InlineData("", "q")]
    [InlineData("q=", "q")]
    [InlineData("q=%20%20", "q")]
    [InlineData("q=battery%00", "q")]
    [InlineData("limit=5", "q")]
    [InlineData("q=battery&limit=0", "limit")]
    [InlineData("q=battery&limit=51", "limit")]
    [InlineData("q=battery&limit=many", "limit")]
    public async Task A_bad_query_is_a_400_naming_the_field(string query, string field) =>
        await ShouldBeBadQueryAsync($"/api/search?{query}", field);

    [Fact]
    public async Task A_query_longer_than_200_characters_is_a_400_naming_it() =>
        await ShouldBeBadQueryAsync($"/api/search?q={new string('a', 201)}", "q");
}
