using System.Text.Json.Nodes;
using Marten;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Api.Tests;

/// <summary>The queue walked page by page over thousands of tickets while the desk keeps working on some of them.</summary>
public class QueueAtScale(ApiFixture api) : ApiTest(api)
{
    private const int Count = 3000;
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Tickets as their snapshots, bulk-inserted through Marten; ten at a time share an update time, so the order's
    /// tie-break on the id is walked too. Every third is a Core.
    /// </summary>
    private async Task<Ticket[]> GivenTicketsAsync()
    {
        var tickets = Enumerable.Range(0, Count).Select(i => new Ticket(
            Guid.CreateVersion7(), $"PS-{900_000 + i}", $"3c{i:x22}", i % 3 == 0 ? Platform.Core : Platform.Photon, $"owner{i}@example.com",
            "blinks red", "cyan-flash-red-3", TicketStatus.Open, AwaitingBackup: false, Diagnosis: null, Backups: [], Jobs: [],
            Start, Start.AddSeconds(i / 10), Resolution: null) { Version = 1 }).ToArray();
        await Api.Store.BulkInsertDocumentsAsync(tickets, cancellation: Cancellation);
        return tickets;
    }

    private async Task TouchAsync(IEnumerable<Ticket> tickets, DateTimeOffset at)
    {
        await using var session = Api.Store.LightweightSession();
        foreach (var ticket in tickets) session.Store(ticket with { UpdatedAt = at });
        await session.SaveChangesAsync(Cancellation);
    }

    private static Guid[] IdsOf(JsonNode page) => page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ToArray();

    [Fact]
    public async Task A_walk_with_the_cursor_sees_each_ticket_once_while_others_are_updated_between_pages()
    {
        var tickets = await GivenTicketsAsync();
        var byId = tickets.Select((t, i) => (t.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var seen = new List<Guid>();
        var updatedUnseen = new HashSet<Guid>();
        var touched = new HashSet<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await GetAsync($"/api/tickets?pageSize=200{(cursor is null ? "" : $"&cursor={cursor}")}");
            seen.AddRange(IdsOf(page));
            page["total"]!.GetValue<long>().ShouldBe(Count);
            cursor = page["next"]?.GetValue<string>();
            pages++;

            // Between pages the desk updates two tickets already walked and one not yet walked (the oldest left).
            var walked = seen.TakeLast(2).Select(id => tickets[byId[id]]);
            var ahead = tickets.Where(t => !seen.Contains(t.Id) && !updatedUnseen.Contains(t.Id)).Take(1).ToArray();
            updatedUnseen.UnionWith(ahead.Select(t => t.Id));
            var updated = walked.Concat(ahead).ToArray();
            touched.UnionWith(updated.Select(t => t.Id));
            await TouchAsync(updated, Start.AddDays(1).AddSeconds(pages));
        } while (cursor is not null && pages < 100);

        seen.Count.ShouldBe(seen.Distinct().Count(), "no ticket twice");
        // Every ticket not updated during the walk is seen; one updated before the walk reached it moved above the cursor.
        tickets.Select(t => t.Id).Except(updatedUnseen).Except(seen).ShouldBeEmpty();
        updatedUnseen.ShouldNotBeEmpty();
        seen.ShouldNotContain(id => updatedUnseen.Contains(id));
        // A new walk shows the tickets updated meanwhile first, those it missed among them.
        var fresh = IdsOf(await GetAsync("/api/tickets?pageSize=200"));
        fresh.Take(touched.Count).ShouldBe(touched, ignoreOrder: true);
        updatedUnseen.ShouldBeSubsetOf(touched);
    }

    [Fact]
    public async Task A_filtered_walk_pages_through_exactly_the_matching_tickets_in_order()
    {
        var tickets = await GivenTicketsAsync();
        var cores = tickets.Where(t => t.Platform == Platform.Core)
            .OrderByDescending(t => t.UpdatedAt).ThenByDescending(t => t.Id.ToString()).Select(t => t.Id).ToArray();
        var seen = new List<Guid>();
        string? cursor = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await GetAsync($"/api/tickets?platform=Core&pageSize=150{(cursor is null ? "" : $"&cursor={cursor}")}");
            page["total"]!.GetValue<long>().ShouldBe(1000);
            seen.AddRange(IdsOf(page));
            cursor = page["next"]?.GetValue<string>();
            if (cursor is null) break;
        }

        seen.ShouldBe(cores);
    }
}
