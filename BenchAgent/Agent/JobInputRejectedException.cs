namespace PhotonSupport.BenchAgent.Agent;

/// <summary>What the job would write is not what the claim named (a digest differs): nothing goes to the device.</summary>
public sealed class JobInputRejectedException(string message) : Exception(message);
