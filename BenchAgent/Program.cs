Console.Error.WriteLine("PhotonSupport.BenchAgent: commands arrive with the bench agent work.");
return 2;
