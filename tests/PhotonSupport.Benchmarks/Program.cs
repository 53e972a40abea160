using PhotonSupport.Benchmarks;

return await BenchProgram.RunAsync(args, Console.Out, Console.Error);
