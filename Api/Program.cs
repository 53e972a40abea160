using PhotonSupport.Api.Cli;
using PhotonSupport.Api.Hosting;

// `keys …` manages API keys in the configured database and exits; anything else runs the Api.
if (args is [KeysCommand.Name, .. var keysArgs]) return await KeysCommand.RunAsync(keysArgs, Console.Out, Console.Error);

await ApiHost.Build(args).RunAsync();
return 0;
