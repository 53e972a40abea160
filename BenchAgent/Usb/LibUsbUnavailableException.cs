namespace PhotonSupport.BenchAgent.Usb;

/// <summary>The libusb-1.0 shared library could not be loaded: the bench has no way to reach USB devices.</summary>
public sealed class LibUsbUnavailableException : Exception
{
    private LibUsbUnavailableException(string message, Exception inner) : base(message, inner)
    {
    }

    internal static LibUsbUnavailableException Because(DllNotFoundException missing) =>
        new("libusb-1.0 is not installed: apt-get install libusb-1.0-0", missing);
}
