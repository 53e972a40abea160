namespace PhotonSupport.BenchAgent.Agent;

/// <summary>The Api answered 401: the agent's key is unknown or revoked, and no retry will change that.</summary>
public sealed class AgentKeyRevokedException(string problem) : Exception($"the Api refused this agent's key (401): {problem}");
