using Microsoft.Extensions.Options;
using PhotonSupport.Workers.Hosting;

namespace PhotonSupport.Workers.Tests.Settings;

/// <summary>A node's role in a cluster and the timings of a takeover: the defaults, and the values a host refuses to start with.</summary>
public class NodeSettings
{
    [Fact]
    public void Unset_a_node_does_everything_and_takes_over_by_Wolverines_and_Martens_defaults()
    {
        var options = NodeOptions.From(UploadAndRetentionSettings.Settings());

        options.Role.ShouldBe(NodeRole.All);
        options.RunsBackgroundWork.ShouldBeTrue();
        (options.ProjectionLeadershipPolling, options.HealthCheckPolling, options.StaleNodeTimeout)
            .ShouldBe((TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void An_Api_node_runs_no_background_work() =>
        NodeOptions.From(UploadAndRetentionSettings.Settings(("PhotonSupport:Node:Role", "Api"))).RunsBackgroundWork.ShouldBeFalse();

    [Fact]
    public void A_stale_timeout_of_twice_the_heartbeat_is_accepted() =>
        NodeOptions.From(UploadAndRetentionSettings.Settings(("PhotonSupport:Node:HealthCheckPolling", "00:00:02"),
            ("PhotonSupport:Node:StaleNodeTimeout", "00:00:04"))).StaleNodeTimeout.ShouldBe(TimeSpan.FromSeconds(4));

    [Theory]
    [InlineData("PhotonSupport:Node:ProjectionLeadershipPolling", "00:00:00")]
    [InlineData("PhotonSupport:Node:HealthCheckPolling", "-00:00:01")]
    [InlineData("PhotonSupport:Node:StaleNodeTimeout", "00:00:19")]
    public void A_timing_a_takeover_cannot_keep_to_is_refused_naming_the_setting(string setting, string value) =>
        Should.Throw<OptionsValidationException>(() => NodeOptions.From(UploadAndRetentionSettings.Settings((setting, value))))
            .Message.ShouldContain(setting);

    [Fact]
    public void A_role_that_is_none_of_All_Api_and_Workers_is_refused_naming_the_setting() =>
        Should.Throw<InvalidOperationException>(() => NodeOptions.From(UploadAndRetentionSettings.Settings(("PhotonSupport:Node:Role", "Leader"))))
            .Message.ShouldContain("PhotonSupport:Node:Role");
}
