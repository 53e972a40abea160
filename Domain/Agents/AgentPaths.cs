namespace PhotonSupport.Domain.Agents;

/// <summary>
/// The routes of the agent endpoints: the Api maps the templates, the agent fills them in. Work on a job
/// names the claim it belongs to, so a holder whose lease ran out can't act on a newer claim.
/// </summary>
public static class AgentPaths
{
    public const string Group = "/api/agents";
    public const string Claims = "/claims";
    public const string Heartbeat = "/jobs/{jobId:guid}/claims/{claimId:guid}/heartbeat";
    public const string Backup = "/jobs/{jobId:guid}/claims/{claimId:guid}/artifacts/backup";
    public const string Complete = "/jobs/{jobId:guid}/claims/{claimId:guid}/complete";
    public const string FirmwareGroup = "/api/firmware";
    public const string Firmware = "/{platform}/{name}";

    public static string ClaimWaiting(TimeSpan wait) => $"{Group}{Claims}?waitSeconds={(int)wait.TotalSeconds}";

    public static string HeartbeatOf(Guid jobId, Guid claimId) => OfClaim(Heartbeat, jobId, claimId);

    public static string BackupOf(Guid jobId, Guid claimId) => OfClaim(Backup, jobId, claimId);

    public static string CompleteOf(Guid jobId, Guid claimId) => OfClaim(Complete, jobId, claimId);

    public static string FirmwareOf(string platform, string name) =>
        FirmwareGroup + Firmware.Replace("{platform}", Uri.EscapeDataString(platform)).Replace("{name}", Uri.EscapeDataString(name));

    private static string OfClaim(string template, Guid jobId, Guid claimId) =>
        Group + template.Replace("{jobId:guid}", jobId.ToString()).Replace("{claimId:guid}", claimId.ToString());
}
