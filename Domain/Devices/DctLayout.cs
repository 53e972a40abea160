namespace PhotonSupport.Domain.Devices;

/// <summary>
/// Where things sit in the application DCT (alt 1 offsets on Gen 2, device-os dct.h; particle-facts.md,
/// "The application DCT"), where its two physical copies sit in a Gen 2 device's internal flash, and the
/// Core's key slots in external flash.
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
}
