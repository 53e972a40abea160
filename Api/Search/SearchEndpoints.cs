using PhotonSupport.Api.ReadModels;
using System.Net;
using Marten;
using PhotonSupport.Api.Auth;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Api.Tickets;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Search;

namespace PhotonSupport.Api.Search;

/// <summary>
/// A ticket a search found. <see cref="Snippet"/> is HTML: the ticket's text escaped, the words that matched in
/// <c>&lt;mark&gt;</c>. <see cref="ExactMatch"/> says the query named the ticket's reference or device id.
/// </summary>
public sealed record SearchHit(Guid TicketId, string Reference, TicketStatus Status, string Snippet, bool ExactMatch, string Href);

public sealed record SearchResults(string Query, IReadOnlyList<SearchHit> Hits);

public static class SearchEndpoints
{
    public const int MaxQueryLength = 200;
    public const int MaxLimit = 50;
    public const int DefaultLimit = 20;

    public static void MapSearch(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/search", SearchAsync)
            .WithTags("Search")
            .WithName("SearchTickets")
            .Produces<SearchResults>()
            .ProducesValidationProblem()
            .RequireAuthorization(Policies.Staff);

    private static async Task<IResult> SearchAsync(string? q, int? limit, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q)) return ProblemResults.BadQuery("q", "'q' is the text to search for; it must not be empty.");
        if (q.Length > MaxQueryLength) return ProblemResults.BadQuery("q", $"'q' is at most {MaxQueryLength} characters.");
        if (q.Any(char.IsControl)) return ProblemResults.BadQuery("q", "'q' must not hold control characters.");
        if (limit is < 1 or > MaxLimit) return ProblemResults.BadQuery("limit", $"'limit' must be between 1 and {MaxLimit}.");

        await http.WaitForAsync(TicketSearchProjection.ProjectionName);
        var hits = await TicketSearch.FindAsync(session, q, limit ?? DefaultLimit, ct);
        return Results.Ok(new SearchResults(q, hits
            .Select(h => new SearchHit(h.TicketId, h.Reference, h.Status, Html(h.Snippet), h.ExactMatch, TicketRoutes.Ticket(h.TicketId)))
            .ToArray()));
    }

    private static string Html(string snippet) =>
        WebUtility.HtmlEncode(snippet).Replace(SearchText.MarkStart.ToString(), "<mark>").Replace(SearchText.MarkEnd.ToString(), "</mark>");
}
