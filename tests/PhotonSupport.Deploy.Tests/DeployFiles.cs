using YamlDotNet.RepresentationModel;

namespace PhotonSupport.Deploy.Tests;

/// <summary>The files under deploy/ (copied beside the tests) and the README's Configuration table, read once.</summary>
public static class DeployFiles
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "deploy");

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static IReadOnlyList<string> YamlFiles { get; } = Directory.EnumerateFiles(Root, "*.*", SearchOption.AllDirectories)
        .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
        .Select(f => Path.GetRelativePath(Root, f))
        .Order()
        .ToArray();

    /// <summary>Every document of a YAML file (a Kubernetes file may hold several, split by ---).</summary>
    public static IReadOnlyList<YamlMappingNode> Documents(string relative)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(PathOf(relative));
        stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToArray();
    }

    /// <summary>
    /// The variables README's Configuration table names. A cell lists `A__B__C`, `__D` for A__B__C and A__B__D: a name
    /// starting with __ stands for its predecessor with the last part replaced.
    /// </summary>
    public static IReadOnlySet<string> DocumentedVariables { get; } = ReadDocumentedVariables();

    private static HashSet<string> ReadDocumentedVariables()
    {
        var readme = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "README.md"));
        var start = Array.IndexOf(readme, "## Configuration");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in readme.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)).Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var firstCell = line.Split('|')[1];
            string? previous = null;
            foreach (var name in firstCell.Split('`').Where((_, i) => i % 2 == 1))
            {
                var full = name.StartsWith("__", StringComparison.Ordinal) && previous is not null
                    ? previous[..previous.LastIndexOf("__", StringComparison.Ordinal)] + name
                    : name;
                names.Add(full);
                previous = full;
            }
        }
        return names;
    }
}
