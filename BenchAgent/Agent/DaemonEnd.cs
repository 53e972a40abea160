namespace PhotonSupport.BenchAgent.Agent;

/// <summary>Why the daemon's loop ended; the CLI turns it into an exit code.</summary>
public enum DaemonEnd
{
    /// <summary>Ctrl-C or SIGTERM, after the job in hand was finished and reported.</summary>
    Stopped,

    /// <summary>The Api answered 401: the key is unknown or revoked, and retrying will not change that.</summary>
    KeyRevoked,
}
