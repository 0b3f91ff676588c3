using System.Globalization;
using QSLM.Boards.Inventory;
using QSLM.Protocol.Messages;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QSLM.Boards.Profiles;

/// <summary>
/// Reads firmware profiles (<c>firmware-profiles/NAME.yaml</c>): every problem names the file, line and
/// column (<see cref="InventoryException"/>), unknown keys are refused, a setting must have its type (an unknown
/// setting or a value not of its type is refused naming the setting), and a name with no file gets
/// <see cref="UnknownProfileException"/> listing the profiles there are.
/// </summary>
public static class FirmwareProfiles
{
    /// <summary>The folder's name in the repository.</summary>
    public const string FolderName = "firmware-profiles";

    private static readonly string[] RuntimeIds = ["linux-arm64", "linux-x64", "linux-arm"];

    /// <summary>Names of the profiles in <paramref name="folder"/>, in ordinal order.</summary>
    public static IReadOnlyList<string> Names(string folder) =>
        !Directory.Exists(folder) ? [] :
        [.. Directory.GetFiles(folder, "*.yaml").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal)];

    /// <summary>The first <c>firmware-profiles</c> folder at or above <paramref name="start"/>, or null.</summary>
    public static string? FindFolder(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FolderName);
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Reads the profile <paramref name="name"/> from <paramref name="folder"/>.</summary>
    public static FirmwareProfile Load(string folder, string name)
    {
        var path = Path.Combine(folder, name + ".yaml");
        // The name must be a plain file stem: a profile never reaches outside its folder.
        if (name.Length == 0 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) || name.StartsWith('.') || !File.Exists(path))
            throw new UnknownProfileException(name, folder, Names(folder));
        return Parse(File.ReadAllText(path), Path.GetFullPath(path));
    }

    /// <summary>Reads profile YAML; <paramref name="path"/> names it in errors and gives its expected name.</summary>
    public static FirmwareProfile Parse(string yaml, string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new InventoryException(path, e.Start.Line, e.Start.Column, e.Message);
        }
        if (stream.Documents.Count != 1) throw new InventoryException(path, 1, 1, "a firmware profile holds exactly one YAML document");
        var map = new YamlMap(path, stream.Documents[0].RootNode, "a firmware profile");
        map.Only("profile", "description", "runtime", "memory_for_model", "sensors", "settings", "notes", "idle_watts", "tags", "qualify");
        var name = map.RequiredString("profile");
        var stem = Path.GetFileNameWithoutExtension(path);
        if (name != stem) throw map.Error(map.NodeOf("profile"), $"the profile is named '{name}' but its file is {stem}.yaml; they must agree");
        var runtime = map.RequiredString("runtime");
        if (!RuntimeIds.Contains(runtime, StringComparer.Ordinal)) throw map.Error(map.NodeOf("runtime"), $"runtime must be one of {string.Join(", ", RuntimeIds)}, not '{runtime}'");
        var sensors = map.Sequence("sensors").Select(n => ReadSensor(new YamlMap(path, n, "a sensor"))).ToList();
        var settings = map.OptionalMap("settings", "settings") is { } pinned ? ProfileSettings.Read(pinned) : BoardSettings.None;
        var notes = map.Sequence("notes").Select(n => n is YamlScalarNode { Value: { Length: > 0 } note } ? note : throw map.Error(n, "each note must be a line of text")).ToList();
        var idle = ReadRange(map.OptionalMap("idle_watts", "idle_watts") ?? throw map.Error(map.Node, "'idle_watts' is required here"));
        var tags = map.Sequence("tags").Select(n => n is YamlScalarNode { Value: { Length: > 0 } tag } && !tag.Any(char.IsWhiteSpace) ? tag : throw map.Error(n, "each tag must be a word")).ToList();
        var qualify = map.OptionalMap("qualify", "qualify") is { } targets ? QualifyTargetsReader.Read(targets) : null;
        return new FirmwareProfile(name, map.RequiredString("description"), runtime, ReadMemory(map), sensors, settings, notes, idle, path, tags, qualify);
    }

    private static ProfileSensor ReadSensor(YamlMap map)
    {
        map.Only("spec", "how", "board_total");
        return new ProfileSensor(map.RequiredString("spec"), map.RequiredString("how"), map.RequiredString("board_total"));
    }

    private static WattsRange ReadRange(YamlMap map)
    {
        map.Only("min", "max", "source");
        var min = map.RequiredDouble("min");
        var max = map.RequiredDouble("max");
        if (!(min >= 0) || max < min) throw map.Error(map.Node, FormattableString.Invariant($"idle_watts needs 0 <= min <= max, got {min} and {max}"));
        var source = map.RequiredString("source");
        var colon = source.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == source.Length - 1 || source[..colon] is not ("measured" or "simulated" or "estimated"))
            throw map.Error(map.NodeOf("source"), $"source must be measured:<sensor>, simulated:<model> or estimated:<model>, not '{source}'");
        return new WattsRange(min, max, source);
    }

    /// <summary><c>mem_available</c> (take the agent's figure) or a size such as <c>3.2 GB</c>, <c>512MiB</c>, <c>1000000</c>.</summary>
    private static long? ReadMemory(YamlMap map)
    {
        var text = map.RequiredString("memory_for_model");
        if (text == "mem_available") return null;
        var trimmed = text.Replace(" ", "", StringComparison.Ordinal);
        var digits = trimmed.TakeWhile(c => char.IsAsciiDigit(c) || c == '.').Count();
        var unit = trimmed[digits..];
        long? scale = unit switch
        {
            "" or "B" => 1,
            "kB" => 1000,
            "MB" => 1_000_000,
            "GB" => 1_000_000_000,
            "KiB" => 1L << 10,
            "MiB" => 1L << 20,
            "GiB" => 1L << 30,
            _ => null,
        };
        if (scale is null || !double.TryParse(trimmed[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || !(value > 0))
            throw map.Error(map.NodeOf("memory_for_model"), $"memory_for_model must be mem_available or a size such as 3.2 GB or 512 MiB, not '{text}'");
        return (long)(value * scale.Value);
    }
}
