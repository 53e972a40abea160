namespace PhotonSupport.Domain.Devices;

/// <summary>
/// Where a platform keeps the keys its cloud connection uses, as alt 1 addresses (particle-facts.md,
/// "Operations"): TCP platforms RSA in the DCT (Core: external flash), the Electron EC for UDP.
/// </summary>
public sealed record KeySlots(bool Ec, uint DevicePrivateKey, int DevicePrivateKeySize, uint ServerKey, int ServerKeySize)
{
    public static KeySlots For(Platform platform) => platform switch
    {
        Platform.Core => new(false, DctLayout.CoreDevicePrivateKey, DctLayout.CoreDevicePrivateKeySize,
            DctLayout.CoreServerPublicKey, DctLayout.CoreServerPublicKeySize),
        Platform.Electron => new(true, DctLayout.EcDevicePrivateKey, DctLayout.EcDevicePrivateKeySize,
            DctLayout.EcServerPublicKey, DctLayout.EcServerPublicKeySize),
        _ => new(false, DctLayout.DevicePrivateKey, RsaDevicePrivateKeySlot, DctLayout.ServerPublicKey, RsaServerKeyBlock),
    };

    /// <summary>
    /// Where the server's address (type byte, then IPv4 or length-prefixed name) and big-endian port sit
    /// inside the server key slot (particle-facts.md, "Operations", <c>RestoreServerKey</c>).
    /// </summary>
    public int ServerAddress => Ec ? 192 : 384;

    public int ServerPort => Ec ? 258 : 450;

    // The DCT fields are larger (dct.h: 1216 and 768 bytes); particle-cli's keys-specs.js writes a
    // 612-byte private key slot and a 512-byte server key block into them, and so do we.
    private const int RsaDevicePrivateKeySlot = 612;
    private const int RsaServerKeyBlock = 512;
}
