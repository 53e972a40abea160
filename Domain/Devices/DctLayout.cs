namespace PhotonSupport.Domain.Devices;

/// <summary>
/// Where things sit in the application DCT (alt 1 offsets on Gen 2, device-os dct.h; particle-facts.md,
/// "The application DCT") and in the Core's external flash, and where the simulator keeps the active
/// DCT copy inside internal flash.
/// </summary>
public static class DctLayout
{
    public const int Size = 16 * 1024;

    public const int Version = 32;
    public const int DevicePrivateKey = 34;
    public const int DevicePrivateKeySize = 1216;
    public const int DevicePublicKey = 1250;
    public const int DevicePublicKeySize = 384;
    public const int DeviceIdSuffix = 1852;
    public const int ServerPublicKey = 2082;
    public const int EcDevicePrivateKey = 3106;
    public const int EcDevicePrivateKeySize = 192;
    public const int EcServerPublicKey = 3298;
    public const int EcServerPublicKeySize = 320;

    /// <summary>
    /// Physical DCT copies in internal flash (alt 0): one is active, the other erased (Photon, P1) or
    /// marked invalid (the Electron's DCD); each write to alt 1 swaps them.
    /// </summary>
    public const uint Copy1Address = 0x08004000;
    public const uint Copy2Address = 0x08008000;

    /// <summary>
    /// The header the simulator puts before the application section of a Photon or P1 copy (the
    /// Electron's DCD header is 8 bytes, services/inc/dcd.h). Real WICED sizes
    /// depend on the WICED SDK version, and forensics finds the section by content, so any fixed size
    /// will do; 4096 keeps the section 4 KiB-aligned and leaves 12 KiB of it, which holds every field
    /// above (the last ends at 3618). Application DCT bytes past 12 KiB are kept in alt 1 only.
    /// </summary>
    public const int CopyHeaderSize = 4096;

    /// <summary>Application DCT bytes a simulated copy holds after its header.</summary>
    public const int MirroredLength = Size - CopyHeaderSize;

    /// <summary>
    /// The Electron keeps its DCT in a DCD (device-os services/inc/dcd.h): each copy starts with a
    /// watermark and a seal, little-endian; the seal says whether the copy is the live one or retired.
    /// </summary>
    public const uint DcdWatermark = 0x1E1C279A;
    public const uint DcdSealValid = 0xEDA15E00;
    public const uint DcdSealInvalid = 0x69A00C00;
    public const int DcdHeaderSize = 8;

    /// <summary>Core external flash (alt 1): server public key slot (2048 bytes) and device private key slot (1024).</summary>
    public const uint CoreServerPublicKey = 0x1000;
    public const int CoreServerPublicKeySize = 2048;
    public const uint CoreDevicePrivateKey = 0x2000;
    public const int CoreDevicePrivateKeySize = 1024;
    public const uint CoreFactoryResetApp = 0x20000;

    /// <summary>
    /// Simulator convention, not a Particle layout: the CC3000 module's patch level lives inside the
    /// CC3000 where DFU cannot see it, so the simulated Core records it as ASCII at external flash 0x0
    /// (the otherwise unused first 4 KiB sector): "CC3000 patch 1.24" outdated, "CC3000 patch 1.28" current.
    /// </summary>
    public const uint CoreCc3000Marker = 0x0;
}
