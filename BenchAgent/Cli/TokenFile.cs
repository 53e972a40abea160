namespace PhotonSupport.BenchAgent.Cli;

/// <summary>
/// An agent key kept in a file only its owner can read. As ssh does with a private key, a file that the group or
/// other users may read (or write) is refused: the key in it is as good as theirs.
/// </summary>
public static class TokenFile
{
    private const UnixFileMode OthersMayTouch =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>The key in <paramref name="path"/>, without surrounding whitespace (a trailing newline).</summary>
    public static string Read(string path, string what)
    {
        try
        {
            EnsurePrivate(path, what);
            var token = File.ReadAllText(path).Trim();
            return token.Length > 0 ? token : throw new CliUsageException($"{what} {path} is empty: it should hold this bench's agent key.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"{what} {path} can't be read: {e.Message}");
        }
    }

    /// <summary>Refuses a file the group or other users may read or change (Unix file modes; elsewhere nothing to check).</summary>
    public static void EnsurePrivate(string path, string what)
    {
        if (OperatingSystem.IsWindows()) return;
        var mode = File.GetUnixFileMode(path);
        if ((mode & OthersMayTouch) != 0)
            throw new CliUsageException(
                $"{what} {path} holds an agent key but its permissions {Octal(mode)} are too open: other users may read it. " +
                $"Make it private to its owner (chmod 600 {path}).");
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1FF, 8);
}
