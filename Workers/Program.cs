using Microsoft.Extensions.Hosting;
using PhotonSupport.Workers.Hosting;

// A headless node: handlers, outbox and the async daemon, no HTTP. Run beside the Api to share the work.
var builder = Host.CreateApplicationBuilder(args);
builder.AddPhotonSupport();
await builder.Build().RunAsync();
