namespace PhotonSupport.BenchAgent.Cli;

/// <summary>
/// Which Api addresses the agent talks to. It sends its key with every request and uploads images that hold a
/// device's private key, so plain http is only for an Api on this machine (loopback: 127.0.0.0/8, ::1, localhost)
/// unless the technician says <c>--insecure</c>, and then it says what that costs.
/// </summary>
public static class ApiTransport
{
    /// <summary>Refuses (usage, exit 2) an address the agent must not use; warns when <paramref name="insecure"/> lets one through.</summary>
    public static void Check(Uri api, bool insecure, TextWriter warnings)
    {
        if (api.Scheme == Uri.UriSchemeHttps || (api.Scheme == Uri.UriSchemeHttp && api.IsLoopback)) return;
        if (api.Scheme != Uri.UriSchemeHttp)
            throw new CliUsageException($"the Api's URL must be https:// (or http:// on this machine), not '{api}'.");
        if (!insecure)
            throw new CliUsageException(
                $"refusing plain http to {api.Host}: the agent's key and device images (which hold private keys) would cross the network unencrypted. " +
                "Use the Api's https:// URL, or --insecure to send them in the clear anyway.");
        warnings.WriteLine(
            $"warning: --insecure: the agent's key and device images go to {api.Host} over plain http, readable by anyone on the network.");
    }
}
