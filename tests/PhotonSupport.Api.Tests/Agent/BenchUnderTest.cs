using PhotonSupport.BenchAgent.Usb;

namespace PhotonSupport.Api.Tests.Agent;

/// <summary>A bench of simulated devices with the bench events a test needs: a device unplugged, a failed open, a moment inside the device work.</summary>
public sealed class BenchUnderTest(IDfuDeviceSource devices) : IDfuDeviceSource
{
    private int _listings;
    private Exception? _openFails;

    /// <summary>The devices show on this many listings, then are gone (unplugged); null: always there.</summary>
    public int? ListedTimes { get; init; }

    /// <summary>Runs as the device work opens the device, before any transfer: "during the job" for a test.</summary>
    public Action? Opening { get; init; }

    /// <summary>The next open fails with this, as libusb does on a device the agent may not open.</summary>
    public void FailNextOpen(Exception failure) => _openFails = failure;

    public IReadOnlyList<DfuDeviceInfo> List() => Interlocked.Increment(ref _listings) > (ListedTimes ?? int.MaxValue) ? [] : devices.List();

    public IDfuTransport Open(DfuDeviceInfo device)
    {
        Opening?.Invoke();
        if (Interlocked.Exchange(ref _openFails, null) is { } failure) throw failure;
        return devices.Open(device);
    }
}

/// <summary>A bus the agent may not read: libusb answers LIBUSB_ERROR_ACCESS without a udev rule.</summary>
public sealed class UnreadableBus : IDfuDeviceSource
{
    public IReadOnlyList<DfuDeviceInfo> List() => throw new UsbTransferException(UsbFailure.AccessDenied, "LIBUSB_ERROR_ACCESS listing the bus");

    public IDfuTransport Open(DfuDeviceInfo device) => throw new UsbTransferException(UsbFailure.AccessDenied, "LIBUSB_ERROR_ACCESS");
}
