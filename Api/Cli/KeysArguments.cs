using PhotonSupport.Api.Hosting;
using PhotonSupport.Workers.Auth;

namespace PhotonSupport.Api.Cli;

/// <summary>What <c>keys …</c> was asked to do, once its arguments have been checked.</summary>
public abstract record KeysRequest;

public sealed record CreateKey(string Name, string Role) : KeysRequest;

public sealed record ListKeys : KeysRequest;

public sealed record RevokeKey(string IdOrName) : KeysRequest;

public sealed record BootstrapDevKeys(string File, string Api) : KeysRequest;

public sealed record NewVaultKey(string File) : KeysRequest;

public sealed record RotateVault : KeysRequest;

/// <summary>Arguments that name no request; the message says what is wrong with them.</summary>
public sealed class KeysUsageException(string message) : Exception(message);

public static class KeysArguments
{
    public const string Usage = """
        usage: keys create --role ROLE --name NAME      create a key; its token is printed this once
               keys list                                every key: id, name, role, created, revoked
               keys revoke ID|NAME                      revoke that key, or every active key of that name
               keys dev-bootstrap --file PATH [--api URL]
                                                        unless PATH exists: a supervisor, an agent and an
                                                        admin key, their tokens written to PATH (mode 0600)
               keys new-vault-key --file PATH           a new backup vault key in PATH (created mode 0600 if
                                                        missing), made the active one; prints its id
               keys rotate-vault                        re-encrypt every backup image under the active vault key
        """;

    public static KeysRequest Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0) throw new KeysUsageException("Name a subcommand.");
        var rest = args.Skip(1).ToArray();
        switch (args[0])
        {
            case "create":
                var create = Read(rest, positional: null, "--role", "--name");
                return new CreateKey(KeyName(create.Required("--name")), KnownRole(create.Required("--role")));
            case "list":
                Read(rest, positional: null);
                return new ListKeys();
            case "revoke":
                return new RevokeKey(Read(rest, positional: "the id or name of the key to revoke").Positional!);
            case "dev-bootstrap":
                var bootstrap = Read(rest, positional: null, "--file", "--api");
                return new BootstrapDevKeys(bootstrap.Required("--file"), bootstrap.Optional("--api") ?? ApiHost.DefaultUrl);
            case "new-vault-key":
                return new NewVaultKey(Read(rest, positional: null, "--file").Required("--file"));
            case "rotate-vault":
                Read(rest, positional: null);
                return new RotateVault();
            default:
                throw new KeysUsageException($"Unknown subcommand '{args[0]}'.");
        }
    }

    private sealed record Arguments(Dictionary<string, string> Options, string? Positional)
    {
        public string Required(string option) =>
            Options.TryGetValue(option, out var value) ? value : throw new KeysUsageException($"{option} is required.");

        public string? Optional(string option) => Options.GetValueOrDefault(option);
    }

    /// <summary>Options as <c>--name value</c> pairs, and the one plain argument when <paramref name="positional"/> describes it.</summary>
    private static Arguments Read(string[] args, string? positional, params string[] options)
    {
        var named = new Dictionary<string, string>();
        var plain = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                plain.Add(arg);
                continue;
            }
            if (!options.Contains(arg)) throw new KeysUsageException($"Unknown option {arg}.");
            if (i + 1 == args.Length) throw new KeysUsageException($"{arg} needs a value.");
            if (!named.TryAdd(arg, args[++i])) throw new KeysUsageException($"{arg} is given twice.");
        }

        return (positional, plain.Count) switch
        {
            (null, 0) => new Arguments(named, null),
            (null, _) => throw new KeysUsageException($"Unexpected argument '{plain[0]}'."),
            (_, 1) => new Arguments(named, plain[0]),
            _ => throw new KeysUsageException($"Give exactly one argument: {positional}."),
        };
    }

    private static string KnownRole(string role) => Roles.All.Contains(role)
        ? role
        : throw new KeysUsageException($"Unknown role '{role}'; the roles are {string.Join(", ", Roles.All)}.");

    /// <summary>The name is what events record as the actor, so it has to say something.</summary>
    private static string KeyName(string name) => string.IsNullOrWhiteSpace(name)
        ? throw new KeysUsageException("--name must not be blank.")
        : name.Trim();
}
