using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PhotonSupport.Workers.Telemetry;

namespace PhotonSupport.Api.Hosting;

/// <summary>What the Api adds to the nodes' telemetry (TelemetryWiring): its requests, and the ticket and job a request is about.</summary>
public static class ApiTelemetry
{
    /// <summary>Set by the ticket-reference rewrite, so the scope names the PS-n the caller used.</summary>
    public static readonly object TicketReferenceKey = new();

    public static WebApplicationBuilder AddApiTelemetry(this WebApplicationBuilder builder)
    {
        if (TelemetryWiring.Exporting(builder))
            builder.Services.AddOpenTelemetry()
                .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation())
                .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation());
        return builder;
    }

    /// <summary>
    /// After routing: every log line written while a request about a ticket or a job runs (the handlers', Marten's,
    /// Wolverine's) carries <c>TicketId</c>, <c>TicketReference</c> and <c>JobId</c> in its scope, so a person can
    /// follow one case through the logs of every node.
    /// </summary>
    public static IApplicationBuilder UseTicketLogScope(this IApplicationBuilder app)
    {
        var log = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("PhotonSupport.Api.Requests");
        return app.Use(async (context, next) =>
        {
            var scope = new Dictionary<string, object>();
            var route = context.Request.RouteValues;
            if ((route.GetValueOrDefault("ticketId") ?? (context.Request.Path.StartsWithSegments("/api/tickets") ? route.GetValueOrDefault("id") : null)) is { } ticket)
                scope[MessageLogScope.TicketIdKey] = ticket;
            if (context.Items[TicketReferenceKey] is string reference) scope["TicketReference"] = reference;
            if (route.GetValueOrDefault("jobId") is { } job) scope[MessageLogScope.JobIdKey] = job;
            if (scope.Count == 0)
            {
                await next(context);
                return;
            }
            using (log.BeginScope(scope)) await next(context);
        });
    }
}
