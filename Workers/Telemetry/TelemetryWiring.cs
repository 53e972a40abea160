using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace PhotonSupport.Workers.Telemetry;

/// <summary>
/// Traces, metrics and logs over OTLP, switched on by the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (and read with the
/// other standard <c>OTEL_*</c> settings: <c>OTEL_SERVICE_NAME</c>, <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, ...). Unset, no
/// listener is attached at all, so the hot path pays nothing; the <c>PhotonSupport</c> meter exists either way.
/// </summary>
public static class TelemetryWiring
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    // Wolverine names its meter "Wolverine:{service name}", hence the wildcard; its ActivitySource is plain "Wolverine".
    private static readonly string[] Sources = ["Wolverine", "Marten"];
    private static readonly string[] Meters = [OperatorMetrics.MeterName, "Wolverine*", "Marten"];

    /// <summary>True when telemetry is exported; hosts add their own instrumentation (ASP.NET Core) only then.</summary>
    public static bool Exporting(IHostApplicationBuilder builder) => !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]);

    public static IHostApplicationBuilder AddPhotonSupportTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OperatorMetrics>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OperatorMetrics>());
        if (!Exporting(builder)) return builder;

        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(Sources).AddHttpClientInstrumentation().AddNpgsql())
            .WithMetrics(metrics => metrics.AddMeter(Meters).AddHttpClientInstrumentation().AddNpgsqlInstrumentation())
            // Scopes carry the ticket and the job a log line is about (see the Api's TicketLogScope).
            .WithLogging(_ => { }, logs => logs.IncludeScopes = true)
            .UseOtlpExporter();
        return builder;
    }
}
