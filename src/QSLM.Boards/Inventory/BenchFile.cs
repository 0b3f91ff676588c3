using QSLM.Boards.Profiles;
using QSLM.Boards.Transports.Ssh;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace QSLM.Boards.Inventory;

/// <summary>
/// Reads a bench file (<c>hardware/*.yaml</c>, described in <c>hardware/README.md</c>): the bench's
/// boards, each with how it is reached (local, SSH with a pinned host key, serial), its firmware
/// profile, the sensors wired to it and the meters that measure it (on the board or on the host). Every problem is reported with the file, line and column; an
/// SSH board without a host key pin is refused, since a key that is not pinned is never trusted.
/// </summary>
public static class BenchFile
{
    private static readonly string[] BoardKeys = ["name", "profile", "link", "ssh", "serial", "emulator", "sensors", "meters", "power_switch", "simulated_board"];

    /// <summary>The deepest nesting of mappings and lists accepted; a bench file needs five levels.
    /// The YAML library builds its node tree recursively, so a deeper file would overflow the stack.</summary>
    public const int MaxDepth = 64;

    /// <summary>Reads and checks the bench file at <paramref name="path"/>. Board profiles are checked
    /// against <paramref name="profilesFolder"/> or, when null, the first <c>firmware-profiles</c> folder
    /// at or above the file (the repository's); a bench with neither has its profile names unchecked.</summary>
    public static Bench Load(string path, string? profilesFolder = null)
    {
        var full = Path.GetFullPath(path);
        return Parse(File.ReadAllText(full), full, profilesFolder);
    }

    /// <summary>Reads and checks bench YAML; relative paths in it are resolved against <paramref name="path"/>'s
    /// folder, profiles as in <see cref="Load"/>.</summary>
    public static Bench Parse(string yaml, string path, string? profilesFolder = null)
    {
        var profiles = profilesFolder ?? FirmwareProfiles.FindFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var stream = new YamlStream();
        try
        {
            CheckDepth(yaml, path);
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new InventoryException(path, e.Start.Line, e.Start.Column, e.Message);
        }
        if (stream.Documents.Count != 1) throw new InventoryException(path, 1, 1, "a bench file holds exactly one YAML document");
        var root = new YamlMap(path, stream.Documents[0].RootNode, "a bench file");
        root.Only("bench", "boards");
        var name = root.RequiredString("bench");
        var folder = Path.GetDirectoryName(path)!;
        var boards = new List<BoardEntry>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in root.Sequence("boards"))
        {
            var board = ReadBoard(new YamlMap(path, node, "a board"), folder, profiles);
            if (!names.Add(board.Name)) throw new InventoryException(path, node.Start.Line, node.Start.Column, $"two boards are named '{board.Name}'");
            boards.Add(board);
        }
        if (boards.Count == 0) throw root.Error(root.Node, "'boards' must list at least one board");
        return new Bench(name, path, boards);
    }

    private static BoardEntry ReadBoard(YamlMap map, string folder, string? profiles)
    {
        map.Only(BoardKeys);
        var name = map.RequiredString("name");
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) throw map.Error(map.Node, $"board name '{name}' may use only letters, digits and -_.");
        var linkText = map.RequiredString("link");
        var link = linkText switch
        {
            "local" => BoardLink.Local,
            "ssh" => BoardLink.Ssh,
            "serial" => BoardLink.Serial,
            _ => throw map.Error(map.Node, $"board '{name}': link must be local, ssh or serial, not '{linkText}'"),
        };
        foreach (var (key, needs) in new[] { ("ssh", BoardLink.Ssh), ("serial", BoardLink.Serial), ("emulator", BoardLink.Local), ("simulated_board", BoardLink.Local) })
        {
            if (map.Has(key) && link != needs) throw map.Error(map.Node, $"board '{name}': '{key}' belongs to {needs.ToString().ToLowerInvariant()} boards, and this one is {linkText}");
        }
        var ssh = link == BoardLink.Ssh ? ReadSsh(map.OptionalMap("ssh", "ssh") ?? throw map.Error(map.Node, $"board '{name}': an ssh board needs an 'ssh' section"), folder) : null;
        var serial = link == BoardLink.Serial ? ReadSerial(map.OptionalMap("serial", "serial") ?? throw map.Error(map.Node, $"board '{name}': a serial board needs a 'serial' section")) : null;
        var profile = map.OptionalString("profile");
        if (profile is not null && profiles is not null)
        {
            var known = FirmwareProfiles.Names(profiles);
            if (!known.Contains(profile, StringComparer.Ordinal))
                throw map.Error(map.NodeOf("profile"), $"board '{name}': unknown firmware profile '{profile}' (profiles in {profiles}: {string.Join(", ", known)})");
        }
        var sensors = map.Sequence("sensors").Select(n => ReadSensor(new YamlMap(map.File, n, "a sensor"))).ToList();
        var meters = map.Sequence("meters").Select(n => ReadMeter(new YamlMap(map.File, n, "a meter"), name)).ToList();
        var simulated = map.OptionalString("simulated_board") is { } file ? Resolve(file, folder) : null;
        if (simulated is not null && !File.Exists(simulated)) throw map.Error(map.NodeOf("simulated_board"), $"board '{name}': simulated board file {simulated} does not exist");
        return new BoardEntry(name, profile, link, ssh, serial, map.OptionalString("emulator"), sensors, map.OptionalString("power_switch")) { Meters = meters, SimulatedBoard = simulated };
    }

    /// <summary>Refuses nesting deeper than <see cref="MaxDepth"/> by reading the file's events, which
    /// the parser produces without recursion, before the recursive node tree is built.</summary>
    private static void CheckDepth(string yaml, string path)
    {
        var parser = new Parser(new StringReader(yaml));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case SequenceStart or MappingStart:
                    if (++depth > MaxDepth)
                        throw new InventoryException(path, parser.Current.Start.Line, parser.Current.Start.Column, FormattableString.Invariant($"nesting deeper than {MaxDepth} levels; a bench file needs five"));
                    break;
                case SequenceEnd or MappingEnd:
                    depth--;
                    break;
            }
        }
    }

    /// <summary>Checks that the key file of <paramref name="board"/> exists, so that a missing key is
    /// reported as the bench file's mistake before any agent is published or board connected.</summary>
    /// <exception cref="InventoryException">The board's key file does not exist.</exception>
    public static void RequireKeyFile(Bench bench, BoardEntry board)
    {
        if (board.Ssh is not { } ssh || File.Exists(ssh.KeyPath)) return;
        var (line, column) = ssh.KeyPosition;
        throw new InventoryException(bench.Path, line, column,
            $"board '{board.Name}': the key file {ssh.KeyPath} does not exist (create it with ssh-keygen -t ed25519 -f {ssh.KeyPath}, or correct 'key')");
    }

    private static SshEntry ReadSsh(YamlMap map, string folder)
    {
        map.Only("host", "port", "user", "key", "host_key", "known_hosts", "folder");
        var pins = new[] { "host_key", "known_hosts" }.Count(map.Has);
        if (pins != 1) throw map.Error(map.Node, "an ssh board must pin its host key with exactly one of 'host_key' (SHA256:… as ssh-keygen -lf prints it) or 'known_hosts' (a file)");
        HostKeyPin pin;
        if (map.OptionalString("host_key") is { } fingerprint)
        {
            var body = fingerprint.StartsWith("SHA256:", StringComparison.Ordinal) ? fingerprint[7..] : "";
            // The value is not repeated: what is pasted here by mistake is often a key or a password.
            if (body.Length != 43 || !body.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/'))
                throw map.Error(map.Node, FormattableString.Invariant($"host_key is not a SHA-256 fingerprint (SHA256: and 43 base64 characters, as ssh-keygen -lf prints it; this value has {fingerprint.Length} characters)"));
            pin = HostKeyPin.Fingerprint(fingerprint);
        }
        else
        {
            pin = HostKeyPin.KnownHosts(Resolve(map.RequiredString("known_hosts"), folder));
        }
        // Credentials in the address would be printed wherever the board is named; they are refused unrepeated.
        var host = map.RequiredString("host");
        if (host.Contains('@', StringComparison.Ordinal))
            throw map.Error(map.NodeOf("host"), "'host' holds a user name or password (user:password@host): passwords in bench files are not supported; put the user in 'user' and log in with a key ('key')");
        var user = map.RequiredString("user");
        if (user.Contains(':', StringComparison.Ordinal))
            throw map.Error(map.NodeOf("user"), "'user' holds a password (user:password): passwords in bench files are not supported; log in with a key ('key')");
        var key = map.RequiredString("key");
        if (key.Contains('\n', StringComparison.Ordinal) || key.Contains("PRIVATE KEY", StringComparison.Ordinal))
            throw map.Error(map.NodeOf("key"), "'key' holds a key itself: it must be the path of the private key file");
        var keyNode = map.NodeOf("key");
        return new SshEntry(
            host,
            map.OptionalInt("port", 1, 65535) ?? 22,
            user,
            Resolve(key, folder),
            pin,
            map.OptionalString("folder") ?? "qslm")
        {
            KeyPosition = (keyNode.Start.Line, keyNode.Start.Column),
        };
    }

    private static SerialEntry ReadSerial(YamlMap map)
    {
        map.Only("device", "baud");
        return new SerialEntry(map.RequiredString("device"), map.OptionalInt("baud", 50, 16_000_000) ?? 115_200);
    }

    private static SensorWiring ReadSensor(YamlMap map)
    {
        map.Only("kind", "bus", "address", "shunt_ohms", "rail");
        return new SensorWiring(map.RequiredString("kind"), map.OptionalInt("bus", 0, 255), map.OptionalInt("address", 0, 127), map.OptionalPositive("shunt_ohms"), map.OptionalString("rail"));
    }

    private static MeterEntry ReadMeter(YamlMap map, string board)
    {
        map.Only("spec", "on");
        if (map.Has("spec") && map.NodeOf("spec") is not YamlScalarNode { Value.Length: > 0 })
            throw map.Error(map.NodeOf("spec"), $"board '{board}': a meter's 'spec' must be a sensor spec (as --sensor takes it), not empty");
        var spec = map.RequiredString("spec");
        if (spec.Any(char.IsWhiteSpace)) throw map.Error(map.NodeOf("spec"), $"board '{board}': a meter's spec has no spaces, and '{spec}' has");
        var on = map.OptionalString("on") ?? "board";
        return on switch
        {
            "board" => new MeterEntry(spec, MeterPlacement.Board),
            "host" => new MeterEntry(spec, MeterPlacement.Host),
            _ => throw map.Error(map.NodeOf("on"), $"board '{board}': a meter is on the board or on the host ('on: board' or 'on: host'), not '{on}'"),
        };
    }

    /// <summary>A path from the file: <c>~/</c> is the user's home, a relative path is relative to the file's folder.</summary>
    private static string Resolve(string path, string folder) =>
        path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : Path.GetFullPath(Path.Combine(folder, path));
}
