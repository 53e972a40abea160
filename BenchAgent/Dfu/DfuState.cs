namespace PhotonSupport.BenchAgent.Dfu;

/// <summary>bState of a GETSTATUS/GETSTATE answer (DFU 1.1 §6.1.2, table A.2).</summary>
public enum DfuState : byte
{
    AppIdle = 0,
    AppDetach = 1,
    DfuIdle = 2,
    DfuDownloadSync = 3,
    DfuDownloadBusy = 4,
    DfuDownloadIdle = 5,
    DfuManifestSync = 6,
    DfuManifest = 7,
    DfuManifestWaitReset = 8,
    DfuUploadIdle = 9,
    DfuError = 10,
}

/// <summary>bStatus of a GETSTATUS answer (DFU 1.1 §6.1.2, table A.1).</summary>
public enum DfuStatus : byte
{
    Ok = 0,
    ErrTarget = 1,
    ErrFile = 2,
    ErrWrite = 3,
    ErrErase = 4,
    ErrCheckErased = 5,
    ErrProg = 6,
    ErrVerify = 7,
    ErrAddress = 8,
    ErrNotDone = 9,
    ErrFirmware = 10,
    ErrVendor = 11,
    ErrUsbr = 12,
    ErrPor = 13,
    ErrUnknown = 14,
    ErrStalledPkt = 15,
}

/// <summary>DfuSe commands sent as DNLOAD block 0 (AN3156 §6.1); Particle bootloaders implement only these.</summary>
public static class DfuseCommand
{
    public const byte GetCommands = 0x00;
    public const byte SetAddressPointer = 0x21;
    /// <summary>With a 4-byte address: erase the page holding it. Alone: mass erase, which Particle does not implement.</summary>
    public const byte Erase = 0x41;
}
