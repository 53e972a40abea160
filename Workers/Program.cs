using JasperFx;
using Microsoft.Extensions.Hosting;
using PhotonSupport.Workers.Hosting;

// A headless node: handlers, outbox and the async daemon, no HTTP. Run beside the Api to share the work.
// A command (`codegen write`, `describe`, `resources`, …) is JasperFx's, run on this host; options alone run the node.
var builder = Host.CreateApplicationBuilder(args is [var command, ..] && !command.StartsWith('-') ? GeneratedCode.CommandSettings(args) : args);
builder.AddPhotonSupport();
return await builder.Build().RunJasperFxCommands(args);
