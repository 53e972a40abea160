using PhotonSupport.Api.ReadModels;
using Marten;
using PhotonSupport.Api.Auth;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Domain;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Workers.Reports;
using PhotonSupport.Workers.Search;

namespace PhotonSupport.Api.Reports;

public sealed record FailureReport(DateTimeOffset? From, DateTimeOffset? To, Platform? Platform, IReadOnlyList<FailureTrend> Rows);

public static class ReportEndpoints
{
    private const string DateHint = "an ISO-8601 date (2026-03-01) or date-time (2026-03-01T09:30:00+01:00)";

    public static void MapReports(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/reports/failures", FailuresAsync)
            .WithTags("Reports")
            .WithName("FailureTrends")
            .Produces<FailureReport>()
            .ProducesValidationProblem()
            .RequireAuthorization(Policies.Staff);

    /// <summary>Per LED pattern × platform × diagnosed cause: tickets, resolved, median time to resolve, job outcomes by kind.</summary>
    private static async Task<IResult> FailuresAsync(string? from, string? to, string? platform, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        DateTimeOffset? start = null, end = null;
        Platform? only = null;
        if (from is not null)
        {
            if (!ReportPeriod.TryParse(from, endOfPeriod: false, out var moment)) return ProblemResults.BadQuery("from", $"'from' must be {DateHint}.");
            start = moment;
        }
        if (to is not null)
        {
            if (!ReportPeriod.TryParse(to, endOfPeriod: true, out var moment)) return ProblemResults.BadQuery("to", $"'to' must be {DateHint}.");
            end = moment;
        }
        if (start > end) return ProblemResults.BadQuery("to", "'to' is before 'from'.");
        if (platform is not null)
        {
            if (!EnumNames.TryParse<Platform>(platform, out var p))
                return ProblemResults.BadQuery("platform", $"'platform' must be one of {string.Join(", ", PlatformCatalog.Names)}.");
            only = p;
        }

        await http.WaitForAsync(TicketOutcomeProjection.ProjectionName);
        var rows = await FailureTrends.ReportAsync(session, new FailureTrendFilter(start, end, only), ct);
        return Results.Ok(new FailureReport(start, end, only, rows));
    }
}
