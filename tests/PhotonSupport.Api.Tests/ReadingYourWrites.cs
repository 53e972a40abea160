using System.Net;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using PhotonSupport.Workers.Devices;
using PhotonSupport.Workers.ReadModels;

namespace PhotonSupport.Api.Tests;

/// <summary>Reads of async projections wait for the writes made before them, but never forever.</summary>
public class ReadingYourWrites(ApiFixture api) : ApiTest(api)
{
    private ProjectionFreshness Freshness => Api.Services.GetRequiredService<ProjectionFreshness>();

    [Fact]
    public async Task A_projection_that_has_processed_every_committed_event_is_fresh()
    {
        await OpenAsync();

        var freshness = await Freshness.WaitAsync(DeviceHistoryProjection.ProjectionName, Cancellation);

        freshness.Stale.ShouldBeFalse();
        freshness.Shard.ShouldBe("DeviceHistory:All");
    }

    [Fact]
    public async Task A_projection_that_does_not_catch_up_in_time_is_read_as_it_is_and_said_to_be_stale()
    {
        await OpenAsync();
        (await Freshness.WaitAsync(DeviceHistoryProjection.ProjectionName, Cancellation)).Stale.ShouldBeFalse();
        var daemon = Api.Services.GetRequiredService<IProjectionCoordinator>();
        await daemon.PauseAsync();
        try
        {
            var other = AnotherPhoton(1);
            await OpenAsync(PhotonReport(deviceId: other));

            var behind = await Freshness.WaitAsync(DeviceHistoryProjection.ProjectionName, Cancellation, TimeSpan.FromMilliseconds(300));
            // The bounded wait (5 s) runs out; the answer is what the projection has: nothing yet for this device.
            var response = await Api.Http.GetAsync($"/api/devices/{other}/history", Cancellation);

            behind.Stale.ShouldBeTrue();
            behind.Behind.ShouldBe(2, "the report and its diagnosis");
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            response.Headers.GetValues("X-Projection-Stale").ShouldHaveSingleItem().ShouldBe("DeviceHistory:All; behind=2");
        }
        finally
        {
            await daemon.ResumeAsync();
        }
        (await Freshness.WaitAsync(DeviceHistoryProjection.ProjectionName, Cancellation)).Stale.ShouldBeFalse();
    }
}
