using PhotonSupport.BenchAgent;
using PhotonSupport.BenchAgent.Cli;

return CommandLine.Run(CommandTable.All, args, CliConsole.System);
