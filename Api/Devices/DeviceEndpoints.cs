using Marten;
using PhotonSupport.Api.Auth;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Workers.Devices;

namespace PhotonSupport.Api.Devices;

public static class DeviceEndpoints
{
    public static void MapDevices(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/devices/{deviceId}/history", async (string deviceId, IQuerySession session, CancellationToken ct) =>
        {
            if (!DeviceIds.IsValid(deviceId)) return ProblemResults.BadQuery("deviceId", "'deviceId' must be 24 hexadecimal characters.");
            var history = await session.LoadAsync<DeviceHistory>(DeviceIds.Normalize(deviceId), ct);
            return history is null ? ProblemResults.NotFound($"No ticket has ever named device {deviceId}.") : Results.Ok(history);
        })
        .WithTags("Devices")
        .WithName("GetDeviceHistory")
        .RequireAuthorization(Policies.Staff);
}
