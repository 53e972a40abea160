namespace PhotonSupport.BenchAgent.Simulator;

/// <summary>What a simulated device's flash holds when it arrives at the bench.</summary>
public enum SimulatorScenario
{
    /// <summary>Bootloader, system parts, a user app, a valid DCT whose keys the cloud accepts.</summary>
    Healthy,
    /// <summary>The server public key slot is erased (older Device OS does not restore it).</summary>
    MissingServerKey,
    /// <summary>The server public key slot holds bytes that do not parse as a key.</summary>
    CorruptServerKey,
    /// <summary>The device private key is not the one whose public half the cloud holds.</summary>
    WrongDeviceKey,
    /// <summary>The user application region is erased: the device boots into safe mode.</summary>
    SafeMode,
    /// <summary>Core only: the CC3000 Wi-Fi module runs an outdated patch.</summary>
    Cc3000Outdated,
    /// <summary>Gen 2 only: system part 2 needs a newer system part 1 than the one installed.</summary>
    SosAfterUpdate,
}
