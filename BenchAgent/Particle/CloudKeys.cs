namespace PhotonSupport.BenchAgent.Particle;

/// <summary>
/// The Particle cloud's published server keys, as the slot blocks particle-cli writes
/// (particle-facts.md, "The application DCT": key DER, 0xFF padding, the server address).
/// </summary>
public sealed record CloudKeys(byte[] RsaSlot, byte[] CoreRsaSlot, byte[] EcSlot)
{
    /// <summary>Overrides where the facts folder is (the folder holding cloud-rsa.pub.der).</summary>
    public const string FactsFolderVariable = "PHOTONSUPPORT_PARTICLE_FACTS";

    public static CloudKeys Load(string? factsFolder = null)
    {
        var folder = factsFolder ?? Environment.GetEnvironmentVariable(FactsFolderVariable) ?? FindFactsFolder();
        return new CloudKeys(
            File.ReadAllBytes(Path.Combine(folder, "cloud-rsa.pub.der")),
            File.ReadAllBytes(Path.Combine(folder, "cloud-rsa.pub-padded.der")),
            File.ReadAllBytes(Path.Combine(folder, "cloud-ec.pub.der")));
    }

    /// <summary>
    /// Walks up from the running binary to the project's shared facts (…/shared/particle-facts): the
    /// test binaries sit several folders below the worktree, which sits beside /work/shared.
    /// </summary>
    private static string FindFactsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "particle-facts"), Path.Combine(dir.FullName, "..", "shared", "particle-facts") })
                if (File.Exists(Path.Combine(candidate, "cloud-rsa.pub.der"))) return Path.GetFullPath(candidate);
        }
        throw new FileNotFoundException(
            $"no shared/particle-facts folder above {AppContext.BaseDirectory}; set {FactsFolderVariable} to the folder holding cloud-rsa.pub.der");
    }
}
