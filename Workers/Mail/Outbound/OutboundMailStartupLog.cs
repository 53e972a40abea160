using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PhotonSupport.Workers.Mail.Outbound;

/// <summary>Says once, at start, where the owners' mail will go, so a local run shows where to look for it.</summary>
public sealed class OutboundMailStartupLog(IOutboundMailTransport transport, ILogger<OutboundMailStartupLog> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        log.LogInformation("Owners' mail goes to {Destination}", transport.Destination);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
