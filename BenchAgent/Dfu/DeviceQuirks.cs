using PhotonSupport.BenchAgent.Usb;

namespace PhotonSupport.BenchAgent.Dfu;

/// <summary>Where a device does not do what its descriptors say (particle-facts: "the device wins").</summary>
public static class DeviceQuirks
{
    /// <summary>DFU-mode product ids of the Gen 2 platforms (Photon, P1, Electron) under Particle's vendor id.</summary>
    private static readonly ushort[] Gen2Products = [0xd006, 0xd008, 0xd00a];

    private const ushort ParticleVendor = 0x2b04;

    private const ushort SparkVendor = 0x1d50;

    private const ushort CoreDfuProduct = 0x607f;

    /// <summary>
    /// The Gen 2 bootloader refuses erase and write below 0x08020000 over alt 0 although the alt
    /// string marks sectors 3–4 'g'; the DCT is written only through alt 1.
    /// </summary>
    public const uint Gen2ProtectedBelow = 0x08020000;

    public static MemoryLayout Effective(DfuDeviceInfo device, int alt, MemoryLayout advertised) =>
        alt == 0 && device.VendorId == ParticleVendor && Gen2Products.Contains(device.ProductId)
            ? advertised.Restrict(Gen2ProtectedBelow, SectorPermissions.Erasable | SectorPermissions.Writable)
            : advertised;

    /// <summary>
    /// The Gen 2 DCT (alt 1) needs no erase, and must not be sent one: the bootloader ignores it
    /// (usbd_dct_if.c DCT_If_Erase) and applies each write by writing the whole DCT, with the new bytes,
    /// into its other copy (dct_write_app_data). particle-cli's dfu-util sends that erase; we leave it out.
    /// </summary>
    public static bool WriteReplaces(DfuDeviceInfo device, int alt) =>
        alt == 1 && device.VendorId == ParticleVendor && Gen2Products.Contains(device.ProductId);

    /// <summary>The Core's bootloader programs half-words, so a write must have an even length.</summary>
    public static bool NeedsEvenLength(DfuDeviceInfo device) =>
        device.VendorId == SparkVendor && device.ProductId == CoreDfuProduct;
}
