namespace PhotonSupport.BenchAgent.Dfu;

/// <summary>Where a long operation is: phase "erase", "write", "verify" or "read", the address just done, bytes so far.</summary>
public sealed record DfuProgress(string Phase, uint Address, long BytesDone, long BytesTotal);
