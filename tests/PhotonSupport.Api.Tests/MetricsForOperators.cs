using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Jobs;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Agents;
using PhotonSupport.Workers.Telemetry;

namespace PhotonSupport.Api.Tests;

/// <summary>The <c>PhotonSupport</c> meter, read in-process as a collector would, against states the test sets up.</summary>
public sealed class MetricsForOperators(ApiFixture api) : ApiTest(api)
{
    private sealed record Reading(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

    /// <summary>One collection of this Api's PhotonSupport meter (not another Api's in the same process).</summary>
    private List<Reading> Collect()
    {
        var meter = Api.Services.GetRequiredService<OperatorMetrics>().Meter;
        var readings = new List<Reading>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => readings.Add(new(instrument.Name, value, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => readings.Add(new(instrument.Name, value, ToDictionary(tags))));
        listener.Start();
        listener.RecordObservableInstruments();
        return readings;
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var dictionary = new Dictionary<string, object?>();
        foreach (var tag in tags) dictionary[tag.Key] = tag.Value;
        return dictionary;
    }

    private static double Value(List<Reading> readings, string instrument, string tag, string tagValue) =>
        readings.Single(r => r.Instrument == instrument && Equals(r.Tags.GetValueOrDefault(tag), tagValue)).Value;

    [Fact]
    public void The_meter_reports_every_question_an_operator_asks()
    {
        var names = Collect().Select(r => r.Instrument).Distinct().Order().ToArray();

        names.ShouldBe([
            "photonsupport.agents", "photonsupport.jobs.in_flight", "photonsupport.jobs.oldest_age", "photonsupport.mail.outgoing_backlog",
            "photonsupport.projections.lag", "photonsupport.tickets",
        ]);
    }

    [Fact]
    public async Task The_queue_depth_counts_tickets_by_status()
    {
        await OpenAsync(PhotonReport(deviceId: AnotherPhoton(1)));
        await OpenAsync(PhotonReport(deviceId: AnotherPhoton(2)));
        var chased = await OpenAsync(PhotonReport(deviceId: AnotherPhoton(3)));
        await ReadAsync(await PostAsync($"/api/tickets/{chased}/backup-requests", new { }), HttpStatusCode.OK);

        var readings = Collect();

        Value(readings, "photonsupport.tickets", "status", "Open").ShouldBe(2);
        Value(readings, "photonsupport.tickets", "status", "AwaitingBackup").ShouldBe(1);
        Value(readings, "photonsupport.tickets", "status", "InRecovery").ShouldBe(0);
        Value(readings, "photonsupport.tickets", "status", "Resolved").ShouldBe(0);
    }

    [Fact]
    public async Task Jobs_in_flight_are_counted_by_state_with_the_age_of_the_oldest()
    {
        var ticket = await OpenAsync();
        var now = Api.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await GivenEventsAsync(ticket,
            new RecoveryJobQueued(ticket, Guid.NewGuid(), RecoveryJobKind.Backup, PhotonId, Platform.Photon, "support", now.AddHours(-1)),
            new RecoveryJobQueued(ticket, Guid.NewGuid(), RecoveryJobKind.Backup, PhotonId, Platform.Photon, "support", now.AddMinutes(-5)));

        var readings = Collect();

        Value(readings, "photonsupport.jobs.in_flight", "state", "Queued").ShouldBe(2);
        Value(readings, "photonsupport.jobs.in_flight", "state", "Claimed").ShouldBe(0);
        // The oldest was queued an hour before the collection, which follows within the test's own run.
        Value(readings, "photonsupport.jobs.oldest_age", "state", "Queued").ShouldBeInRange(3600, 3600 + 600);
        Value(readings, "photonsupport.jobs.oldest_age", "state", "Claimed").ShouldBe(0);
    }

    [Fact]
    public async Task Agents_are_connected_while_they_call_and_silent_after()
    {
        var now = Api.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using (var session = Api.Store.LightweightSession())
        {
            session.Store(AgentRegistry.Status("bench-1", "bench-1", now, null, []));
            session.Store(AgentRegistry.Status("bench-2", "bench-2", now.AddDays(-1), null, []));
            session.Store(AgentRegistry.Status("bench-3", "bench-3", now.AddDays(-2), null, []));
            await session.SaveChangesAsync(Cancellation);
        }

        var readings = Collect();

        Value(readings, "photonsupport.agents", "state", "connected").ShouldBe(1);
        Value(readings, "photonsupport.agents", "state", "silent").ShouldBe(2);
    }

    [Fact]
    public async Task Projection_lag_is_reported_per_async_projection_and_is_zero_once_caught_up()
    {
        await OpenAsync();
        await Api.ProjectionsCaughtUpAsync();

        var lag = Collect().Where(r => r.Instrument == "photonsupport.projections.lag").ToDictionary(r => (string)r.Tags["projection"]!, r => r.Value);

        lag.Keys.ShouldContain("DeviceHistory:All");
        lag["DeviceHistory:All"].ShouldBe(0);
    }

    [Fact]
    public void No_mail_waiting_is_a_backlog_of_zero()
    {
        Collect().Single(r => r.Instrument == "photonsupport.mail.outgoing_backlog").Value.ShouldBe(0);
    }
}
