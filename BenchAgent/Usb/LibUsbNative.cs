using System.Reflection;
using System.Runtime.InteropServices;

namespace PhotonSupport.BenchAgent.Usb;

/// <summary>
/// The libusb-1.0 calls the bench agent makes (libusb.h, 1.0.26 as Debian bookworm ships it: so
/// <c>libusb_init</c>, not <c>libusb_init_context</c>, which arrived in 1.0.27). Pointers stay raw:
/// devices and descriptors only live between a get and its free, inside one method.
/// </summary>
internal static unsafe partial class LibUsbNative
{
    private const string Library = "libusb-1.0";

    // Only the -dev package installs the unversioned libusb-1.0.so that default probing looks for;
    // the runtime package (libusb-1.0-0) has just the soname, so point the loader at it.
    private const string LinuxSoname = "libusb-1.0.so.0";

    static LibUsbNative() => NativeLibrary.SetDllImportResolver(typeof(LibUsbNative).Assembly, Resolve);

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == Library && OperatingSystem.IsLinux()
        && NativeLibrary.TryLoad(LinuxSoname, assembly, searchPath, out var handle)
            ? handle
            : IntPtr.Zero;

    // libusb_error values (libusb.h, enum libusb_error).
    public const int Success = 0;
    public const int ErrorIo = -1;
    public const int ErrorInvalidParam = -2;
    public const int ErrorAccess = -3;
    public const int ErrorNoDevice = -4;
    public const int ErrorNotFound = -5;
    public const int ErrorBusy = -6;
    public const int ErrorTimeout = -7;
    public const int ErrorOverflow = -8;
    public const int ErrorPipe = -9;
    public const int ErrorInterrupted = -10;
    public const int ErrorNoMem = -11;
    public const int ErrorNotSupported = -12;
    public const int ErrorOther = -99;

    /// <summary>USB 3.0 allows hubs seven tiers deep, so a port path never has more numbers.</summary>
    public const int MaxPortDepth = 7;

    [LibraryImport(Library, EntryPoint = "libusb_init")]
    public static partial int Init(out IntPtr context);

    [LibraryImport(Library, EntryPoint = "libusb_exit")]
    public static partial void Exit(IntPtr context);

    // Both return pointers to static strings: declared byte* because a string return would make
    // the marshaller free memory libusb owns.
    [LibraryImport(Library, EntryPoint = "libusb_error_name")]
    public static partial byte* ErrorName(int errorCode);

    [LibraryImport(Library, EntryPoint = "libusb_strerror")]
    public static partial byte* StrError(int errorCode);

    /// <returns>The number of devices, or a libusb_error; the list ends with a null entry.</returns>
    [LibraryImport(Library, EntryPoint = "libusb_get_device_list")]
    public static partial nint GetDeviceList(LibUsbContextHandle context, out IntPtr* list);

    [LibraryImport(Library, EntryPoint = "libusb_free_device_list")]
    public static partial void FreeDeviceList(IntPtr* list, int unrefDevices);

    [LibraryImport(Library, EntryPoint = "libusb_get_device_descriptor")]
    public static partial int GetDeviceDescriptor(IntPtr device, out LibUsbDeviceDescriptor descriptor);

    [LibraryImport(Library, EntryPoint = "libusb_get_active_config_descriptor")]
    public static partial int GetActiveConfigDescriptor(IntPtr device, out LibUsbConfigDescriptor* config);

    [LibraryImport(Library, EntryPoint = "libusb_get_config_descriptor")]
    public static partial int GetConfigDescriptor(IntPtr device, byte configIndex, out LibUsbConfigDescriptor* config);

    [LibraryImport(Library, EntryPoint = "libusb_free_config_descriptor")]
    public static partial void FreeConfigDescriptor(LibUsbConfigDescriptor* config);

    [LibraryImport(Library, EntryPoint = "libusb_get_bus_number")]
    public static partial byte GetBusNumber(IntPtr device);

    [LibraryImport(Library, EntryPoint = "libusb_get_port_numbers")]
    public static partial int GetPortNumbers(IntPtr device, byte* portNumbers, int portNumbersLength);

    [LibraryImport(Library, EntryPoint = "libusb_open")]
    public static partial int Open(IntPtr device, out IntPtr handle);

    [LibraryImport(Library, EntryPoint = "libusb_close")]
    public static partial void Close(IntPtr handle);

    /// <returns>The number of bytes written to <paramref name="data"/>, or a libusb_error.</returns>
    [LibraryImport(Library, EntryPoint = "libusb_get_string_descriptor_ascii")]
    public static partial int GetStringDescriptorAscii(LibUsbDeviceHandle handle, byte index, byte* data, int length);

    /// <returns>1 when a kernel driver holds the interface, 0 when none does, or a libusb_error.</returns>
    [LibraryImport(Library, EntryPoint = "libusb_kernel_driver_active")]
    public static partial int KernelDriverActive(LibUsbDeviceHandle handle, int interfaceNumber);

    [LibraryImport(Library, EntryPoint = "libusb_detach_kernel_driver")]
    public static partial int DetachKernelDriver(LibUsbDeviceHandle handle, int interfaceNumber);

    [LibraryImport(Library, EntryPoint = "libusb_set_auto_detach_kernel_driver")]
    public static partial int SetAutoDetachKernelDriver(LibUsbDeviceHandle handle, int enable);

    [LibraryImport(Library, EntryPoint = "libusb_claim_interface")]
    public static partial int ClaimInterface(LibUsbDeviceHandle handle, int interfaceNumber);

    // Takes the raw handle: it is called from LibUsbDeviceHandle.ReleaseHandle, when the SafeHandle
    // can no longer be marshalled.
    [LibraryImport(Library, EntryPoint = "libusb_release_interface")]
    public static partial int ReleaseInterface(IntPtr handle, int interfaceNumber);

    [LibraryImport(Library, EntryPoint = "libusb_set_interface_alt_setting")]
    public static partial int SetInterfaceAltSetting(LibUsbDeviceHandle handle, int interfaceNumber, int alternateSetting);

    /// <param name="timeoutMs">0 means no timeout at all in libusb.</param>
    /// <returns>The number of bytes transferred, or a libusb_error.</returns>
    [LibraryImport(Library, EntryPoint = "libusb_control_transfer")]
    public static partial int ControlTransfer(
        LibUsbDeviceHandle handle, byte requestType, byte request, ushort value, ushort index,
        byte* data, ushort length, uint timeoutMs);
}
