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
    private const string Language = "english";

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
        // The hits first, then for those alone the snippet and the status. The status comes from the ticket snapshot,
        // which is inline: it is never behind the command that changed it.
        await using var command = new NpgsqlCommand(
            $"""
            with hits as (
                select d.id, d.reference, d.data ->> 'searchText' as text, q,
                       d.reference = any(@references) or d.device_id = any(@devices) as exact,
                       ts_rank(to_tsvector('{Language}', d.data ->> 'searchText'), q) as rank
                from {schema.For<TicketSearchDocument>(true)} d
                cross join websearch_to_tsquery('{Language}', @query) q
                where to_tsvector('{Language}', d.data ->> 'searchText') @@ q
                   or d.reference = any(@references) or d.device_id = any(@devices)
                order by exact desc, rank desc, d.id
                limit @limit)
            select h.id, h.reference, t.data ->> 'status', ts_headline('{Language}', h.text, h.q, @options), h.exact, h.rank
            from hits h
            join {schema.For<Ticket>(true)} t on t.id = h.id
            order by h.exact desc, h.rank desc, h.id
            """);
        command.Parameters.AddWithValue("query", NpgsqlDbType.Text, query);
        command.Parameters.AddWithValue("options", NpgsqlDbType.Text, HeadlineOptions);
        command.Parameters.AddWithValue("references", NpgsqlDbType.Array | NpgsqlDbType.Text, ReferencesIn(query));
        command.Parameters.AddWithValue("devices", NpgsqlDbType.Array | NpgsqlDbType.Text, DevicesIn(query));
        command.Parameters.AddWithValue("limit", NpgsqlDbType.Integer, limit);

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
