using Marten;
using PhotonSupport.Workers.Agents;
using PhotonSupport.Workers.Firmware;

namespace PhotonSupport.Workers.Jobs;

/// <summary>The documents bench work keeps beside the ticket streams.</summary>
public static class JobStore
{
    public static void Configure(StoreOptions opts, JobSignals signals)
    {
        opts.Schema.For<JobLease>();
        opts.Schema.For<AgentStatus>();
        opts.Schema.For<FirmwareBinary>();
        opts.Listeners.Add(new JobQueuedListener(signals));
    }
}
