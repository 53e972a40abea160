using System.Data.Common;
using Marten;
using Npgsql;
using NpgsqlTypes;
using PhotonSupport.Domain;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Jobs;

namespace PhotonSupport.Workers.Reports;

/// <summary>Which tickets the report counts: reported within [From, To] (either end open when null), of one platform or all.</summary>
public sealed record FailureTrendFilter(DateTimeOffset? From, DateTimeOffset? To, Platform? Platform);

public sealed record JobOutcomeCount(RecoveryJobKind Kind, int Succeeded, int Failed);

/// <summary>One LED pattern × platform × diagnosed cause; the median is over its resolved tickets, null when none is.</summary>
public sealed record FailureTrend(
    string? LedPattern, Platform Platform, string? Cause, int Tickets, int Resolved, double? MedianSecondsToResolve,
    IReadOnlyList<JobOutcomeCount> Jobs);

/// <summary>
/// The failure report, aggregated by PostgreSQL over <see cref="TicketOutcome"/> rows (one per ticket),
/// filtered on the indexed reported-at and platform columns.
/// </summary>
public static class FailureTrends
{
    private sealed record GroupKey(string? LedPattern, string Platform, string? Cause);

    public static async Task<IReadOnlyList<FailureTrend>> ReportAsync(IQuerySession session, FailureTrendFilter filter, CancellationToken cancellation)
    {
        var table = session.DocumentStore.Options.Schema.For<TicketOutcome>(true);
        const string Key = "data ->> 'ledPattern', platform, data ->> 'cause'";
        const string Where = "(@from is null or reported_at >= @from) and (@to is null or reported_at <= @to) and (@platform is null or platform = @platform)";

        var jobs = new Dictionary<GroupKey, List<JobOutcomeCount>>();
        await using (var command = Command(filter,
            $"""
            select {Key}, job ->> 'kind', sum((job ->> 'succeeded')::int), sum((job ->> 'failed')::int)
            from {table} cross join jsonb_array_elements(data -> 'jobs') job
            where {Where}
            group by {Key}, job ->> 'kind'
            order by job ->> 'kind'
            """))
        await using (var reader = await session.ExecuteReaderAsync(command, cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                var key = KeyOf(reader);
                if (!jobs.TryGetValue(key, out var counts)) jobs[key] = counts = [];
                counts.Add(new JobOutcomeCount(EnumNames.ParseStored<RecoveryJobKind>(reader.GetString(3)), (int)reader.GetInt64(4), (int)reader.GetInt64(5)));
            }
        }

        var trends = new List<FailureTrend>();
        await using (var command = Command(filter,
            $"""
            select {Key}, count(*), count(data ->> 'secondsToResolve'),
                   percentile_cont(0.5) within group (order by (data ->> 'secondsToResolve')::double precision)
            from {table}
            where {Where}
            group by {Key}
            order by count(*) desc, 1, 2, 3
            """))
        await using (var reader = await session.ExecuteReaderAsync(command, cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                var key = KeyOf(reader);
                trends.Add(new FailureTrend(
                    key.LedPattern, EnumNames.ParseStored<Platform>(key.Platform), key.Cause, (int)reader.GetInt64(3), (int)reader.GetInt64(4),
                    reader.IsDBNull(5) ? null : reader.GetDouble(5), jobs.GetValueOrDefault(key) ?? []));
            }
        }
        return trends;
    }

    private static NpgsqlCommand Command(FailureTrendFilter filter, string sql)
    {
        var command = new NpgsqlCommand(sql);
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = (object?)filter.From?.ToUniversalTime() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.TimestampTz) { Value = (object?)filter.To?.ToUniversalTime() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("platform", NpgsqlDbType.Varchar) { Value = (object?)filter.Platform?.ToString() ?? DBNull.Value });
        return command;
    }

    private static GroupKey KeyOf(DbDataReader reader) =>
        new(reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
}
