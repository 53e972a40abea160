namespace PhotonSupport.Domain;

/// <summary>
/// Parses an enum by one of its names only. <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/>
/// also takes numbers and comma lists ("6", "Core, Photon"), which a client must never get away with.
/// </summary>
public static class EnumNames
{
    public static IReadOnlyList<string> Of<TEnum>() where TEnum : struct, Enum => Enum.GetNames<TEnum>();

    public static bool TryParse<TEnum>(string? name, out TEnum value) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(candidate.ToString(), name, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>A name read back from our own storage: one that does not parse is a broken row, never a client's mistake.</summary>
    public static TEnum ParseStored<TEnum>(string name) where TEnum : struct, Enum =>
        TryParse<TEnum>(name, out var value) ? value : throw new InvalidDataException($"'{name}' is not a {typeof(TEnum).Name}.");
}
