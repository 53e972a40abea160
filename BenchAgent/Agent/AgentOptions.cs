namespace PhotonSupport.BenchAgent.Agent;

/// <summary>
/// How the daemon runs. Set in a JSON file (<c>--config FILE</c>), overridden by environment variables
/// (<c>PHOTONSUPPORT_AGENT_API</c>, <c>PHOTONSUPPORT_AGENT_TOKEN</c>), overridden by the command line.
/// </summary>
public sealed class AgentOptions
{
    public Uri Api { get; set; } = new("http://127.0.0.1:5080");

    public string Token { get; set; } = "";

    /// <summary>Simulated devices (<c>photon:&lt;deviceId&gt;:&lt;scenario&gt;</c>) to attach beside the real ones.</summary>
    public List<string> Simulate { get; set; } = [];

    /// <summary>Whether simulated devices work in real time (for a person watching) or virtual time.</summary>
    public bool SimulateInRealTime { get; set; } = true;

    public bool UseUsb { get; set; } = true;

    public TimeSpan LongPoll { get; set; } = TimeSpan.FromSeconds(25);

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long past the lease's end the heartbeat keeps trying an Api that does not answer before it
    /// abandons the work: by then the Api has given the job to someone else.
    /// </summary>
    public TimeSpan LeaseGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One try at an upload or a report; a try that hangs longer is dropped and made again.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a bench without devices looks at the bus again.</summary>
    public TimeSpan NoDevicePause { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The first pause after a failed attempt to reach the Api.</summary>
    public TimeSpan MinBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between attempts to reach an Api that is away.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);
}
