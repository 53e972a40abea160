using JasperFx;
using PhotonSupport.Api.Cli;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Workers.Hosting;

// `keys …` manages API keys in the configured database and exits; any other command (`codegen write`, `describe`,
// `resources`, …) is JasperFx's, run on the Api's host; options alone (`--urls …`) run the Api.
if (args is [KeysCommand.Name, .. var keysArgs]) return await KeysCommand.RunAsync(keysArgs, Console.Out, Console.Error);
if (args is [var command, ..] && !command.StartsWith('-')) return await ApiHost.BuildForCommand(args).RunJasperFxCommands(args);

return await StartRefusal.RunAsync(() => ApiHost.Build(args), Console.Error);
