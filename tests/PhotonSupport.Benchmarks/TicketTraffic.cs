using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Benchmarks;

/// <summary>
/// The ticket every scenario opens: a Photon blinking cyan then three red, so the open appends
/// <see cref="DeviceReported"/> and <see cref="DiagnosisRecorded"/>. Each open names a device never seen before.
/// </summary>
public static class TicketTraffic
{
    public const string Platform = "Photon";
    public const string Actor = "bench-supervisor";
    private const string OwnerEmail = "owner@example.com";
    private const string Symptom = "After a firmware update it blinks cyan, then three red blinks";
    private const string LedPattern = "cyan-flash-red-3";

    // A run's own prefix: a second run on the same database still opens tickets for new devices only.
    private static readonly string RunPrefix = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()));
    private static long _devices;

    /// <summary>24 hexadecimal characters, distinct within the process and, by its random prefix, across runs.</summary>
    public static string NewDeviceId() => RunPrefix + Interlocked.Increment(ref _devices).ToString("x16");

    public static object OpenBody(string deviceId) =>
        new { deviceId, platform = Platform, ownerEmail = OwnerEmail, symptom = Symptom, ledPattern = LedPattern };

    /// <summary><c>POST /api/tickets</c> for a new device; an exception naming the status unless it was opened.</summary>
    public static Task OpenAsync(HttpClient staff, CancellationToken cancellation) => OpenAsync(staff, NewDeviceId(), cancellation);

    /// <summary><c>POST /api/tickets</c> for the device; the new ticket's id, or an exception naming the status.</summary>
    public static async Task<Guid> OpenAsync(HttpClient staff, string deviceId, CancellationToken cancellation)
    {
        using var response = await staff.PostAsJsonAsync("/api/tickets", OpenBody(deviceId), cancellation);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"POST /api/tickets answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellation)}");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellation));
        return body.RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>The events the Api appends for the same request, from the same decision.</summary>
    public static IReadOnlyList<object> Events(Guid ticketId, string deviceId, long reference) =>
        OpenTicket.Decide(new OpenTicket(deviceId, Platform, OwnerEmail, Symptom, LedPattern, Actor),
            ticketId, $"PS-B{reference}", [], DateTimeOffset.UtcNow).Events;
}
