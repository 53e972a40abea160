using Microsoft.Extensions.Hosting;

namespace PhotonSupport.Workers.Hosting;

/// <summary>
/// In Production a host never creates or alters the schema (an operator applies it with the Migrations console, when
/// they choose to); it checks it before anything starts that would use it, and refuses to start when it is not current.
/// Runs in <see cref="StartingAsync"/>, which the host calls on every such service before it starts any hosted service,
/// so Wolverine and Marten's daemon never meet a missing table. The refusal is not logged here: the program says it,
/// once, as the one line an operator reads on stderr (<see cref="StartRefusal"/>).
/// </summary>
public sealed class SchemaIsCurrent(IServiceProvider services) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => DatabaseSchema.AssertCurrentAsync(services, cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
