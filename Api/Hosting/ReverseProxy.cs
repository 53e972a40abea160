using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace PhotonSupport.Api.Hosting;

/// <summary>
/// Behind a TLS-terminating reverse proxy every connection comes from the proxy, over plain http. The proxies named
/// in <see cref="Setting"/> are believed about the client's address (<c>X-Forwarded-For</c>) and the scheme it used
/// (<c>X-Forwarded-Proto</c>); anyone else's such headers are ignored. Off when the setting is empty: an Api reached
/// directly must not let a client claim another address.
/// </summary>
public static class ReverseProxy
{
    public const string Setting = "PhotonSupport:ForwardedHeaders:KnownProxies";

    public static void UseReverseProxy(this WebApplication app)
    {
        if (app.Configuration[Setting] is not { Length: > 0 } proxies) return;
        // One hop, the proxy in front: the rightmost X-Forwarded-For entry is the client it saw.
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        // The defaults trust loopback; only what the operator named is trusted here.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in proxies.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.Contains('/') && System.Net.IPNetwork.TryParse(entry, out var network)) options.KnownIPNetworks.Add(network);
            else if (IPAddress.TryParse(entry, out var address)) options.KnownProxies.Add(address);
            // A bad setting, refused as the settings check refuses one (the program says it in one line and exits).
            else throw new OptionsValidationException(Setting, typeof(ForwardedHeadersOptions),
                [$"{Setting} (PhotonSupport__ForwardedHeaders__KnownProxies): '{entry}' is neither an IP address (10.0.0.5) nor a network (10.0.0.0/24)."]);
        }
        app.UseForwardedHeaders(options);
    }
}
