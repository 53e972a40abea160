namespace PhotonSupport.Workers.Auth;

/// <summary>What an API key may do is decided by its one role; the Api's policies group these.</summary>
public static class Roles
{
    /// <summary>The front desk: opens and works tickets.</summary>
    public const string Support = "support";

    /// <summary>Support who may also waive the backup-first rule.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>A bench daemon: claims and reports recovery jobs, nothing else.</summary>
    public const string Agent = "agent";

    /// <summary>Everything staff can do, and whatever is kept for administrators.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Support, Supervisor, Agent, Admin];
}
