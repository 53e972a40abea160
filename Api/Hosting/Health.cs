using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PhotonSupport.Api.Hosting;

/// <summary>
/// <c>/health/live</c>: the process answers, nothing else is asked (a failing database must not get a node restarted).
/// <c>/health/ready</c>: this node can serve: the database answers, its schema is current, the background agents run.
/// <c>/health</c> is ready under its old name (run.sh, the benchmarks and older probes ask it).
/// </summary>
public static class Health
{
    private const string Ready = "ready";

    // A probe that waits longer than its caller would gives no answer at all; a database that takes this long is not ready.
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddReadinessChecks(this IServiceCollection services)
    {
        services.AddSingleton<SchemaCheck>();
        services.AddHealthChecks()
            .AddCheck<DatabaseCheck>(DatabaseCheck.Name, tags: [Ready], timeout: CheckTimeout)
            .AddCheck<SchemaCheck>(SchemaCheck.Name, tags: [Ready], timeout: CheckTimeout)
            .AddCheck<BackgroundAgentsCheck>(BackgroundAgentsCheck.Name, tags: [Ready]);
        return services;
    }

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        // Probes (load balancers, Kubernetes, a curl after run.sh) come without a key.
        app.MapHealthChecks("/health/live", Answer(_ => false)).AllowAnonymous();
        app.MapHealthChecks("/health/ready", Answer(c => c.Tags.Contains(Ready))).AllowAnonymous();
        app.MapHealthChecks("/health", Answer(c => c.Tags.Contains(Ready))).AllowAnonymous();
    }

    private static HealthCheckOptions Answer(Func<HealthCheckRegistration, bool> checks) => new() { Predicate = checks, ResponseWriter = WriteAsync };

    /// <summary>
    /// The overall status and each check's plain words: the checks' descriptions never carry an exception's text,
    /// which goes to the log (the health check service logs a failed check with its exception).
    /// </summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = Words(report.Status),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Description ?? Words(e.Value.Status)),
        }, cancellationToken: context.RequestAborted);
    }

    private static string Words(HealthStatus status) => status.ToString().ToLowerInvariant();
}
