namespace PhotonSupport.BenchAgent.Dfu;

/// <summary>The six-byte GETSTATUS answer (DFU 1.1 §6.1.2).</summary>
public readonly record struct DfuStatus(DfuStatusCode Status, TimeSpan PollTimeout, DfuState State, byte StringIndex)
{
    /// <summary>wLength of GETSTATUS (DFU 1.1 §6.1.2).</summary>
    public const int Length = 6;

    public static DfuStatus Parse(ReadOnlySpan<byte> answer)
    {
        if (answer.Length < Length)
            throw new ArgumentException($"GETSTATUS answered {answer.Length} bytes, not {Length}", nameof(answer));
        // bwPollTimeout is three bytes, little-endian, in milliseconds.
        var pollMs = answer[1] | (answer[2] << 8) | (answer[3] << 16);
        return new DfuStatus((DfuStatusCode)answer[0], TimeSpan.FromMilliseconds(pollMs), (DfuState)answer[4], answer[5]);
    }
}
