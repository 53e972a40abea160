namespace PhotonSupport.BenchAgent.Dfu;

/// <summary>bState of a GETSTATUS answer (DFU 1.1 §6.1.2, table "bState values").</summary>
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

public static class DfuStateNames
{
    /// <summary>The state as DFU 1.1 spells it, for messages an engineer can look up in the spec.</summary>
    public static string SpecName(this DfuState state) => state switch
    {
        DfuState.AppIdle => "appIDLE",
        DfuState.AppDetach => "appDETACH",
        DfuState.DfuIdle => "dfuIDLE",
        DfuState.DfuDownloadSync => "dfuDNLOAD-SYNC",
        DfuState.DfuDownloadBusy => "dfuDNBUSY",
        DfuState.DfuDownloadIdle => "dfuDNLOAD-IDLE",
        DfuState.DfuManifestSync => "dfuMANIFEST-SYNC",
        DfuState.DfuManifest => "dfuMANIFEST",
        DfuState.DfuManifestWaitReset => "dfuMANIFEST-WAIT-RESET",
        DfuState.DfuUploadIdle => "dfuUPLOAD-IDLE",
        DfuState.DfuError => "dfuERROR",
        _ => $"state {(byte)state}",
    };
}
