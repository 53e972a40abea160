using JasperFx;
using PhotonSupport.Workers.Hosting;

// A headless node: handlers, outbox and the async daemon, no HTTP. Run beside the Api to share the work.
// A command (`codegen write`, `describe`, `resources`, …) is JasperFx's, run on this host; options alone run the node.
if (args is [var command, ..] && !command.StartsWith('-')) return await WorkersHost.Build(GeneratedCode.CommandSettings(args)).RunJasperFxCommands(args);

return await StartRefusal.RunAsync(() => WorkersHost.Build(args), Console.Error);
