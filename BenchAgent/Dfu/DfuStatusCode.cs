namespace PhotonSupport.BenchAgent.Dfu;

/// <summary>bStatus of a GETSTATUS answer (DFU 1.1 §6.1.2, table "bStatus values").</summary>
public enum DfuStatusCode : byte
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

public static class DfuStatusCodeNames
{
    /// <summary>The status as DFU 1.1 spells it.</summary>
    public static string SpecName(this DfuStatusCode status) => status switch
    {
        DfuStatusCode.Ok => "OK",
        DfuStatusCode.ErrTarget => "errTARGET",
        DfuStatusCode.ErrFile => "errFILE",
        DfuStatusCode.ErrWrite => "errWRITE",
        DfuStatusCode.ErrErase => "errERASE",
        DfuStatusCode.ErrCheckErased => "errCHECK_ERASED",
        DfuStatusCode.ErrProg => "errPROG",
        DfuStatusCode.ErrVerify => "errVERIFY",
        DfuStatusCode.ErrAddress => "errADDRESS",
        DfuStatusCode.ErrNotDone => "errNOTDONE",
        DfuStatusCode.ErrFirmware => "errFIRMWARE",
        DfuStatusCode.ErrVendor => "errVENDOR",
        DfuStatusCode.ErrUsbr => "errUSBR",
        DfuStatusCode.ErrPor => "errPOR",
        DfuStatusCode.ErrUnknown => "errUNKNOWN",
        DfuStatusCode.ErrStalledPkt => "errSTALLEDPKT",
        _ => $"status {(byte)status}",
    };
}
