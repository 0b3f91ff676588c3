using QSLM.Errors;
using YamlDotNet.RepresentationModel;

namespace QSLM.Farm.Lava;

/// <summary>
/// Where QSLM's LAVA server is and the token it is spoken to with. The token comes from <c>$QSLM_LAVA_TOKEN</c>, else
/// from a configuration file outside the repository (<c>$QSLM_LAVA_CONFIG</c>, else <c>~/.config/qslm/lava.yaml</c>)
/// with the keys <c>url</c> and <c>token</c>; the file must be readable by its owner only, as an SSH key must.
/// </summary>
/// <param name="Server">The server's base URL.</param>
/// <param name="Token">The API token.</param>
/// <param name="TokenSource">Where the token came from, in words (never the token).</param>
public sealed record LavaSettings(Uri Server, LavaToken Token, string TokenSource)
{
    /// <summary>The environment variable that holds the token.</summary>
    public const string TokenVariable = "QSLM_LAVA_TOKEN";

    /// <summary>The environment variable that names the configuration file.</summary>
    public const string ConfigVariable = "QSLM_LAVA_CONFIG";

    /// <summary>The configuration file when <see cref="ConfigVariable"/> is not set.</summary>
    public static string DefaultConfigPath => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "qslm", "lava.yaml");

    /// <summary>Resolves the settings: <paramref name="url"/> if given, else the file's <c>url</c>; the token from the
    /// environment, else from the file (<paramref name="configPath"/>, else <see cref="ConfigVariable"/>, else the default).</summary>
    /// <exception cref="InputException">No URL or no token is found, the URL is not http(s), or the file is unreadable,
    /// malformed or readable by others.</exception>
    public static LavaSettings Resolve(string? url, string? configPath = null, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var path = configPath ?? environment(ConfigVariable) ?? DefaultConfigPath;
        var file = File.Exists(path) ? Read(path) : null;
        var server = url ?? file?.GetValueOrDefault("url")
            ?? throw new InputException($"no LAVA server given: pass its URL or put url: in {path}");
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new InputException($"LAVA server '{server}' is not an http:// or https:// URL");
        if (environment(TokenVariable) is { Length: > 0 } fromEnvironment) return new LavaSettings(uri, ParseToken(fromEnvironment, "$" + TokenVariable), "$" + TokenVariable);
        if (file?.GetValueOrDefault("token") is { Length: > 0 } fromFile) return new LavaSettings(uri, ParseToken(fromFile, path), path);
        throw new InputException($"no LAVA token: set ${TokenVariable} or put token: in {path} (mode 0600, outside the repository)");
    }

    private static LavaToken ParseToken(string secret, string where)
    {
        try
        {
            return new LavaToken(secret.Trim());
        }
        catch (ArgumentException)
        {
            throw new InputException($"the LAVA token in {where} is not one word");
        }
    }

    private static Dictionary<string, string> Read(string path)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
            throw new InputException($"{path} holds a LAVA token and is readable by others: chmod 600 {path}");
        try
        {
            var yaml = new YamlStream();
            using (var reader = File.OpenText(path)) yaml.Load(reader);
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            if (yaml.Documents.Count == 0) return values;
            if (yaml.Documents[0].RootNode is not YamlMappingNode map) throw new InputException($"{path} must be a mapping with url: and token:");
            foreach (var (key, value) in map.Children)
            {
                var name = ((YamlScalarNode)key).Value ?? "";
                if (name is not ("url" or "token")) throw new InputException($"{path}: unknown key '{name}' (known: url, token)");
                values[name] = (value as YamlScalarNode)?.Value ?? throw new InputException($"{path}: {name} must be a plain value");
            }
            return values;
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            // The parser's message may quote the file's text, which may hold the token: only the position is kept.
            throw new InputException($"{path} is not valid YAML (line {e.Start.Line}, column {e.Start.Column})");
        }
    }
}
