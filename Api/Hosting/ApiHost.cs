using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using PhotonSupport.Api.Auth;
using PhotonSupport.Api.Agents;
using PhotonSupport.Api.Backups;
using PhotonSupport.Api.Devices;
using PhotonSupport.Api.Firmware;
using PhotonSupport.Api.Reports;
using PhotonSupport.Api.Search;
using PhotonSupport.Api.Tickets;
using PhotonSupport.Workers.Hosting;

namespace PhotonSupport.Api.Hosting;

/// <summary>Builds the Api host; <c>Program</c> runs it, the tests start the same thing on a free loopback port.</summary>
public static class ApiHost
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // Endpoints set in Kestrel's own configuration (Kestrel:Endpoints:Https with its certificate) replace the default.
        if (!builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
            builder.WebHost.UseUrls(builder.Configuration["urls"] ?? DefaultUrl);
        builder.AddPhotonSupport();
        builder.AddApiTelemetry();
        builder.Logging.UseOperatorDefaults(builder.Configuration).LeaveStartFailuresToTheProgram();

        // Enums by name only: "0" or 0 for an outcome or a kind is refused, as EnumNames refuses it.
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false)));
        // Malformed bodies must reach our exception handler as a 400, in every environment.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = problem =>
        {
            UnsupportedMediaType.Explain(problem);
            RefusalLog.Remember(problem);
        });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddApiDocument();
        builder.Services.AddApiKeyAuth(builder.Configuration);
        builder.Services.AddTicketChanges();
        builder.Services.AddReadinessChecks();

        var app = builder.Build();
        app.UseReverseProxy();
        app.LogRefusals();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSupportPage();
        app.UseAuthentication();
        // PS-n in a ticket's path becomes its id before routing picks an endpoint, so routing comes after it.
        app.UseTicketReferences();
        app.UseRouting();
        app.NoteRoutesForRefusals();
        app.UseTicketLogScope();
        app.UseAuthorization();
        app.RefuseControlCharacters();
        // The contract is no secret: client generators fetch it before anyone has a key.
        app.MapOpenApi().AllowAnonymous();
        app.MapHealth();
        app.MapMe();
        app.MapTickets();
        app.MapDevices();
        app.MapAgents();
        app.MapFirmware();
        app.MapBackups();
        app.MapUploadLinks();
        app.MapSearch();
        app.MapReports();
        return app;
    }
}
