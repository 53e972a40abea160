using YamlDotNet.RepresentationModel;

namespace PhotonSupport.Deploy.Tests;

/// <summary>Reading YAML the way compose and kubectl do: by key, with compose's merge key (&lt;&lt;: *anchor) applied.</summary>
public static class Yaml
{
    /// <summary>The mapping's entries, those merged in by &lt;&lt; first and its own over them.</summary>
    public static IReadOnlyDictionary<string, YamlNode> Entries(YamlNode node)
    {
        var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var mapping = (YamlMappingNode)node;
        if (mapping.Children.TryGetValue(new YamlScalarNode("<<"), out var merged))
        {
            var sources = merged is YamlSequenceNode many ? many.Children : [merged];
            foreach (var source in sources)
            foreach (var (key, value) in Entries(source))
                entries[key] = value;
        }
        foreach (var (key, value) in mapping.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (name != "<<") entries[name] = value;
        }
        return entries;
    }

    public static YamlNode? At(YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode || !Entries(current).TryGetValue(key, out var next)) return null;
            current = next;
        }
        return current;
    }

    public static string? Text(YamlNode node, params string[] path) => (At(node, path) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlNode> Items(YamlNode node, params string[] path) =>
        At(node, path) is YamlSequenceNode sequence ? sequence.Children : [];

    /// <summary>The names an environment sets, whether written as a mapping (NAME: value) or a list (NAME=value, or k8s' {name: NAME}).</summary>
    public static IEnumerable<string> EnvironmentNames(YamlNode? environment) => environment switch
    {
        YamlMappingNode => Entries(environment).Keys,
        YamlSequenceNode list => list.Children.Select(item => item is YamlScalarNode s ? s.Value!.Split('=')[0] : Text(item, "name")!),
        _ => [],
    };
}
