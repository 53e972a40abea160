using Marten;
using PhotonSupport.Api.Auth;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Api.ReadModels;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Workers.Devices;

namespace PhotonSupport.Api.Devices;

public static class DeviceEndpoints
{
    public static void MapDevices(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/devices/{deviceId}/history", async (string deviceId, HttpContext http, IQuerySession session, CancellationToken ct) =>
        {
            if (!DeviceIds.IsValid(deviceId)) return ProblemResults.BadQuery("deviceId", "'deviceId' must be 24 hexadecimal characters.");
            // The history is projected by the async daemon: a ticket opened a moment ago must be in it.
            await http.WaitForAsync(DeviceHistoryProjection.ProjectionName);
            var history = await session.LoadAsync<DeviceHistory>(DeviceIds.Normalize(deviceId), ct);
            return history is null ? ProblemResults.NotFound($"No ticket has ever named device {deviceId}.") : Results.Ok(history);
        })
        .WithTags("Devices")
        .WithName("GetDeviceHistory")
        .Produces<DeviceHistory>()
        .RequireAuthorization(Policies.Staff);
}
