// STUB (not committed): replaced by the forensics branch
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Jobs;
namespace PhotonSupport.Domain.Backups;
public static class BackupForensics
{
    public static BackupFindings Analyze(Platform platform, ReadOnlySpan<byte> image) => throw new NotImplementedException();
    public static (string Cause, IReadOnlyList<RecoveryJobKind> Plan)? Diagnosis(BackupFindings findings) => throw new NotImplementedException();
}
