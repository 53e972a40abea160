using System.Buffers.Binary;
using PhotonSupport.BenchAgent.Dfu;
using PhotonSupport.BenchAgent.Simulator;
using PhotonSupport.BenchAgent.Timing;
using PhotonSupport.BenchAgent.Usb;

namespace PhotonSupport.BenchAgent.Tests.Simulator;

/// <summary>The few DFU/DfuSe steps the simulator tests speak, one request each, the way dfu-util does.</summary>
internal sealed class DfuHost(IDfuTransport device)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public IDfuTransport Device => device;

    public (DfuStatusCode Status, int PollMs, DfuState State) GetStatus(TimeSpan? timeout = null)
    {
        var answer = new byte[6];
        device.ControlIn(DfuRequest.GetStatus, 0, answer, timeout ?? Timeout).ShouldBe(6);
        return ((DfuStatusCode)answer[0], answer[1] | answer[2] << 8 | answer[3] << 16, (DfuState)answer[4]);
    }

    public void Download(ushort block, ReadOnlySpan<byte> data) => device.ControlOut(DfuRequest.Download, block, data, Timeout);

    public void Abort() => device.ControlOut(DfuRequest.Abort, 0, [], Timeout);

    public void ClearStatus() => device.ControlOut(DfuRequest.ClearStatus, 0, [], Timeout);

    /// <summary>DNLOAD, then GETSTATUS (dfuDNBUSY), then GETSTATUS again, which answers once the work is done.</summary>
    public DfuState Complete(ushort block, ReadOnlySpan<byte> data)
    {
        Download(block, data);
        GetStatus().State.ShouldBe(DfuState.DfuDownloadBusy);
        return GetStatus().State;
    }

    public DfuState SetAddress(uint address) => Complete(0, AddressCommand(DfuseCommand.SetAddressPointer, address));

    public DfuState Erase(uint address) => Complete(0, AddressCommand(DfuseCommand.Erase, address));

    /// <summary>Sets the pointer, erases nothing, writes the data block by block.</summary>
    public void Write(uint address, byte[] data)
    {
        SetAddress(address).ShouldBe(DfuState.DfuDownloadIdle);
        var size = device.Functional.TransferSize;
        for (var offset = 0; offset < data.Length; offset += size)
            Complete((ushort)(2 + offset / size), data.AsSpan(offset, Math.Min(size, data.Length - offset))).ShouldBe(DfuState.DfuDownloadIdle);
        Abort();
    }

    public void EraseAndWrite(uint address, byte[] data, MemoryLayout layout)
    {
        foreach (var sector in layout.SectorsTouching(address, data.Length)) Erase(sector.Start).ShouldBe(DfuState.DfuDownloadIdle);
        Write(address, data);
    }

    /// <summary>Sets the pointer, ABORTs to dfuIDLE, then uploads block by block (particle-facts.md, "Data").</summary>
    public byte[] Read(uint address, int length)
    {
        SetAddress(address);
        Abort();
        var size = device.Functional.TransferSize;
        var bytes = new byte[length];
        for (var offset = 0; offset < length; offset += size)
            device.ControlIn(DfuRequest.Upload, (ushort)(2 + offset / size), bytes.AsSpan(offset, Math.Min(size, length - offset)), Timeout);
        Abort();
        return bytes;
    }

    public static byte[] AddressCommand(byte command, uint address)
    {
        var bytes = new byte[5];
        bytes[0] = command;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(1), address);
        return bytes;
    }
}
