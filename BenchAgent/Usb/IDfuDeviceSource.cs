namespace PhotonSupport.BenchAgent.Usb;

/// <summary>Where DFU devices come from: the USB bus through libusb, or simulated devices.</summary>
public interface IDfuDeviceSource
{
    /// <summary>The devices in DFU mode attached right now.</summary>
    IReadOnlyList<DfuDeviceInfo> List();

    /// <summary>Opens the device and claims its DFU interface.</summary>
    IDfuTransport Open(DfuDeviceInfo device);
}
