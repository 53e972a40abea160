namespace PhotonSupport.Workers.Hosting;

/// <summary>Files holding secrets (tokens, vault keys).</summary>
public static class OwnerOnlyFiles
{
    /// <summary>Created readable by its owner alone from the first byte on; CreateNew never overwrites a file that appeared meanwhile.</summary>
    public static FileStreamOptions CreateNew()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return options;
    }
}
