using PhotonSupport.Domain.Devices;

namespace PhotonSupport.Domain.Jobs;

/// <summary>A library binary a job writes, pinned by the SHA-256 it had when the job was queued.</summary>
public sealed record FirmwarePin(string Name, string Sha256);

/// <summary>
/// The firmware library's binaries for the ticket's platform, name → SHA-256, as the handler read them
/// just before a decision. Decisions take them as a value, so they stay pure.
/// </summary>
public sealed record FirmwareOnFile(IReadOnlyDictionary<string, string> Sha256ByName)
{
    /// <summary>Whether a binary <paramref name="kind"/> writes on <paramref name="platform"/> is missing from the library.</summary>
    public bool Lacks(RecoveryJobKind kind, Platform platform) => kind.FirmwareFor(platform).Any(n => !Sha256ByName.ContainsKey(n));

    /// <summary>
    /// The pins for what <paramref name="kind"/> writes, in write order; null for a kind that writes no library
    /// binary. Only for a kind the library does not lack (<see cref="Lacks"/>).
    /// </summary>
    public IReadOnlyList<FirmwarePin>? Pins(RecoveryJobKind kind, Platform platform) =>
        kind.FirmwareFor(platform) is { Count: > 0 } names ? names.Select(n => new FirmwarePin(n, Sha256ByName[n])).ToArray() : null;

    /// <summary>What the library lacks for <paramref name="kind"/>, and the uploads (admin) that would fix it.</summary>
    public string Missing(RecoveryJobKind kind, Platform platform)
    {
        var missing = kind.FirmwareFor(platform).Where(n => !Sha256ByName.ContainsKey(n)).ToArray();
        var one = missing.Length == 1;
        return $"{kind} writes the {platform} {(one ? "binary" : "binaries")} {string.Join(", ", missing.Select(n => $"'{n}'"))}, " +
            $"which the firmware library does not have; load {(one ? "it" : "them")} with " +
            string.Join(" and ", missing.Select(n => $"PUT /api/firmware/{platform}/{n}")) + " (an admin key)";
    }
}
