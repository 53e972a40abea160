using Marten;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Jobs;

namespace PhotonSupport.Workers.Firmware;

/// <summary>Reads the library's facts a decision needs, without the binaries' bytes.</summary>
public static class FirmwareLibrary
{
    public static async Task<FirmwareOnFile> OnFileAsync(IQuerySession session, Platform platform, CancellationToken cancellation)
    {
        var binaries = await session.Query<FirmwareBinary>().Where(f => f.Platform == platform)
            .Select(f => new { f.Name, f.Sha256 }).ToListAsync(cancellation);
        return new FirmwareOnFile(binaries.ToDictionary(b => b.Name, b => b.Sha256));
    }
}
