using PhotonSupport.Api.Cli;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Workers.Hosting;

// `keys …` manages API keys in the configured database and exits; options alone (`--urls …`) run the Api. JasperFx's
// commands run on the Workers host, whose folder the generated handler code belongs in.
if (args is [KeysCommand.Name, .. var keysArgs]) return await KeysCommand.RunAsync(keysArgs, Console.Out, Console.Error);
if (args is [var command, ..] && !command.StartsWith('-'))
{
    Console.Error.WriteLine($"Unknown command '{command}': the Api knows `keys`; JasperFx's commands (codegen, describe, resources, …) " +
                            $"run on the Workers host, e.g. `{GeneratedCode.Command}`.");
    return 2;
}

return await StartRefusal.RunAsync(() => ApiHost.Build(args), Console.Error);
