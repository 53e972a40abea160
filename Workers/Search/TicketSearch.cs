using System.Text.RegularExpressions;
using Marten;
using Npgsql;
using NpgsqlTypes;
using PhotonSupport.Domain;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Workers.Search;

/// <summary>One ticket a search found; <see cref="Snippet"/> is plain text with the matched words between the marks of <see cref="SearchText"/>.</summary>
public sealed record TicketSearchHit(Guid TicketId, string Reference, TicketStatus Status, string Snippet, bool ExactMatch, double Rank);

/// <summary>
/// PostgreSQL full-text search over <see cref="TicketSearchDocument"/> in English (stemmed: "blinking" finds "blinks").
/// A reference (<c>PS-12</c>) or a device id in the query also finds its tickets by those columns, and such a ticket
/// ranks above every match by text alone.
/// </summary>
public static partial class TicketSearch
{
    private const string Language = TicketSearchVectors.Language;

    /// <summary>How many of the newest tickets a text matches are ranked; the best of them make the page.</summary>
    public const int RankedMatches = 1_000;

    // ts_headline's defaults are one 35-word fragment; two shorter ones show more of a long case.
    private static readonly string HeadlineOptions =
        $"StartSel={SearchText.MarkStart}, StopSel={SearchText.MarkEnd}, MaxWords=24, MinWords=8, MaxFragments=2, FragmentDelimiter=\" … \"";

    [GeneratedRegex(@"\bPS-0*(?<number>[0-9]{1,18})\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"\b[0-9a-fA-F]{24}\b")]
    private static partial Regex DeviceIdPattern();

    public static async Task<IReadOnlyList<TicketSearchHit>> FindAsync(IQuerySession session, string query, int limit, CancellationToken cancellation)
    {
        var schema = session.DocumentStore.Options.Schema;
        // Text matches are ranked on the stored vectors, and only the newest RankedMatches of them: a word every ticket
        // has would otherwise rank the whole table. The tsquery is written out where it is used, not joined in, so the
        // planner sees the words and can tell a rare one (the GIN index) from a common one (the newest ids first). The
        // exact matches join them; the page is cut before the snippet and the status are read, for those rows alone.
        // The status comes from the ticket snapshot, which is inline: it is never behind the command that changed it.
        await using var command = new NpgsqlCommand(
            $"""
            with text_matches as (
                select v.id, ts_rank(v.search_vector, websearch_to_tsquery('{Language}', @query)) as rank
                from (select id, search_vector
                      from {TicketSearchVectors.Name}
                      where search_vector @@ websearch_to_tsquery('{Language}', @query)
                      order by id desc
                      limit @window) v),
            exact_matches as (
                select id from {schema.For<TicketSearchDocument>(true)}
                where reference = any(@references) or device_id = any(@devices)),
            page as (
                select coalesce(e.id, m.id) as id, e.id is not null as exact, coalesce(m.rank, 0) as rank
                from exact_matches e
                full join text_matches m on m.id = e.id
                order by exact desc, rank desc, id desc
                limit @limit)
            select p.id, d.reference, t.data ->> 'status',
                   ts_headline('{Language}', d.data ->> 'searchText', websearch_to_tsquery('{Language}', @query), @options), p.exact, p.rank
            from page p
            join {schema.For<TicketSearchDocument>(true)} d on d.id = p.id
            join {schema.For<Ticket>(true)} t on t.id = p.id
            order by p.exact desc, p.rank desc, p.id desc
            """);
        command.Parameters.AddWithValue("query", NpgsqlDbType.Text, query);
        command.Parameters.AddWithValue("options", NpgsqlDbType.Text, HeadlineOptions);
        command.Parameters.AddWithValue("references", NpgsqlDbType.Array | NpgsqlDbType.Text, ReferencesIn(query));
        command.Parameters.AddWithValue("devices", NpgsqlDbType.Array | NpgsqlDbType.Text, DevicesIn(query));
        command.Parameters.AddWithValue("limit", NpgsqlDbType.Integer, limit);
        command.Parameters.AddWithValue("window", NpgsqlDbType.Integer, RankedMatches);

        var hits = new List<TicketSearchHit>();
        await using var reader = await session.ExecuteReaderAsync(command, cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            hits.Add(new TicketSearchHit(
                reader.GetGuid(0), reader.GetString(1), EnumNames.ParseStored<TicketStatus>(reader.GetString(2)), reader.GetString(3), reader.GetBoolean(4), reader.GetFloat(5)));
        }
        return hits;
    }

    /// <summary>"ps-012" is PS-12, as the reference sequence writes it.</summary>
    private static string[] ReferencesIn(string query) =>
        ReferencePattern().Matches(query).Select(m => $"PS-{long.Parse(m.Groups["number"].Value)}").Distinct().ToArray();

    private static string[] DevicesIn(string query) =>
        DeviceIdPattern().Matches(query).Select(m => DeviceIds.Normalize(m.Value)).Distinct().ToArray();
}
