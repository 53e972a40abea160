using PhotonSupport.BenchAgent.Usb;

namespace PhotonSupport.BenchAgent.Tests.Operations;

/// <summary>
/// A transport between the engine and a device that counts the control transfers, records the data
/// DNLOADs and DfuSe erases, and cancels a token right after transfer <c>tripAfter</c>: support
/// cancelling the job at that exact moment.
/// </summary>
/// <param name="identity">What the device answers when asked who it is, from what it would have answered.</param>
internal sealed class TrippingTransport(IDfuTransport inner, CancellationTokenSource? cancel = null, int tripAfter = 0,
    Func<DfuDeviceIdentity, DfuDeviceIdentity>? identity = null) : IDfuTransport
{
    // AN3156 §6.1.3: DNLOAD block 0 carries a command; 0x41 erases.
    private const byte EraseCommand = 0x41;

    public int Transfers { get; private set; }

    /// <summary>Erase commands and data blocks sent: what must never happen to the wrong device.</summary>
    public int Writes => Erases + DataBlocks;

    public int Erases { get; private set; }

    public int DataBlocks { get; private set; }

    /// <summary>Bytes sent in data blocks.</summary>
    public int DataBytes { get; private set; }

    public DfuDeviceInfo Device => inner.Device;

    public DfuFunctionalDescriptor Functional => inner.Functional;

    public IReadOnlyList<string> AltSettingNames => inner.AltSettingNames;

    public DfuDeviceIdentity ReadIdentity()
    {
        var answer = Counted(inner.ReadIdentity);
        return identity is null ? answer : identity(answer);
    }

    public void SelectAltSetting(int altSetting) => Counted(() => { inner.SelectAltSetting(altSetting); return 0; });

    public int ControlOut(DfuRequest request, ushort value, ReadOnlySpan<byte> data, TimeSpan timeout)
    {
        if (request == DfuRequest.Download && value >= 2 && data.Length > 0)
        {
            DataBlocks++;
            DataBytes += data.Length;
        }
        if (request == DfuRequest.Download && value == 0 && data.Length == 5 && data[0] == EraseCommand) Erases++;
        var copy = data.ToArray();
        return Counted(() => inner.ControlOut(request, value, copy, timeout));
    }

    public int ControlIn(DfuRequest request, ushort value, Span<byte> buffer, TimeSpan timeout)
    {
        var copy = new byte[buffer.Length];
        var received = Counted(() => inner.ControlIn(request, value, copy, timeout));
        copy.CopyTo(buffer);
        return received;
    }

    public void Dispose() => inner.Dispose();

    private T Counted<T>(Func<T> transfer)
    {
        try
        {
            return transfer();
        }
        finally
        {
            Transfers++;
            if (Transfers == tripAfter) cancel?.Cancel();
        }
    }
}
