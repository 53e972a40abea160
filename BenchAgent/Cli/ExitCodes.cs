namespace PhotonSupport.BenchAgent.Cli;

/// <summary>What the bench CLI's exit codes mean: one table for the code, the help text and the README.</summary>
public static class ExitCodes
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    public const int LibUsbMissing = 3;
    public const int NotConfirmed = 4;
    public const int NoSuchDevice = 5;
    public const int Refused = 6;
    public const int KeyRevoked = 7;

    public static string Meaning(int code) => code switch
    {
        Done => "done",
        Failed => "the device work failed (the reason is on stderr)",
        Usage => "usage: an unknown command or option, a missing or malformed value",
        LibUsbMissing => "libusb-1.0 is missing (apt-get install libusb-1.0-0) and nothing is simulated",
        NotConfirmed => "a destructive write was not confirmed; nothing was written",
        NoSuchDevice => "no such device in DFU mode is attached",
        Refused => "refused: the binary's module header does not match the device or --address (--raw overrides); nothing was written",
        KeyRevoked => "the Api refused the agent's key (401: unknown or revoked); issue this bench a new agent key",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "not a bench CLI exit code"),
    };
}
