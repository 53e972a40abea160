using Microsoft.Extensions.Hosting;
using PhotonSupport.Workers.Hosting;

// A headless node: handlers, outbox and the async daemon, no HTTP. Run beside the Api to share the work.
return await StartRefusal.RunAsync(() =>
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.Logging.LeaveStartFailuresToTheProgram();
    builder.AddPhotonSupport();
    return builder.Build();
}, Console.Error);
