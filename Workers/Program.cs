using JasperFx;
using Microsoft.Extensions.Hosting;
using PhotonSupport.Workers.Hosting;

// A headless node: handlers, outbox and the async daemon, no HTTP. Run beside the Api to share the work.
// A command (`codegen write`, `describe`, `resources`, …) is JasperFx's, run on this host; options alone run the node.
if (args is [var command, ..] && !command.StartsWith('-')) return await WorkersHost(GeneratedCode.CommandSettings(args)).RunJasperFxCommands(args);

return await StartRefusal.RunAsync(() => WorkersHost(args), Console.Error);

static IHost WorkersHost(string[] args)
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.Logging.LeaveStartFailuresToTheProgram();
    builder.AddPhotonSupport();
    return builder.Build();
}
