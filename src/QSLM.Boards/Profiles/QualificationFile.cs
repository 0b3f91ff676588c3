using QSLM.Boards.Inventory;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QSLM.Boards.Profiles;

/// <summary>
/// A qualification file (<c>qslm qualify --targets FILE</c>): the targets a team keeps outside the firmware profiles,
/// per profile (<c>profiles:</c>) and per board (<c>boards:</c>), with the keys of a profile's <c>qualify:</c> map. A
/// board's targets override its profile's in this file, which override the profile's own, key by key.
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="Profiles">Targets by profile name.</param>
/// <param name="Boards">Targets by board name.</param>
public sealed record QualificationFile(string Path, IReadOnlyDictionary<string, QualifyTargets> Profiles, IReadOnlyDictionary<string, QualifyTargets> Boards)
{
    /// <summary>The targets of board <paramref name="board"/> of profile <paramref name="profile"/> (its own targets under these).</summary>
    public QualifyTargets For(string board, FirmwareProfile? profile)
    {
        var own = profile?.Qualify ?? QualifyTargets.None;
        var byProfile = profile is not null && Profiles.TryGetValue(profile.Name, out var p) ? p.Over(own) : own;
        return Boards.TryGetValue(board, out var b) ? b.Over(byProfile) : byProfile;
    }

    /// <summary>Reads <paramref name="path"/>; every problem names its line and column.</summary>
    /// <exception cref="InventoryException">The file is missing, not YAML, or holds an unknown key or a bad target.</exception>
    public static QualificationFile Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InventoryException(path, 1, 1, $"the qualification file cannot be read: {e.Message}");
        }
        return Parse(text, System.IO.Path.GetFullPath(path));
    }

    /// <summary>Reads qualification YAML; <paramref name="path"/> names it in errors.</summary>
    public static QualificationFile Parse(string yaml, string path)
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
        if (stream.Documents.Count != 1) throw new InventoryException(path, 1, 1, "a qualification file holds exactly one YAML document");
        var map = new YamlMap(path, stream.Documents[0].RootNode, "a qualification file");
        map.Only("profiles", "boards");
        return new QualificationFile(path, Section(map, "profiles"), Section(map, "boards"));
    }

    private static Dictionary<string, QualifyTargets> Section(YamlMap map, string key)
    {
        var targets = new Dictionary<string, QualifyTargets>(StringComparer.Ordinal);
        if (map.OptionalMap(key, key) is not { } section) return targets;
        foreach (var (name, node) in ((YamlMappingNode)section.Node).Children)
            targets[((YamlScalarNode)name).Value!] = QualifyTargetsReader.Read(new YamlMap(map.File, node, $"the targets of {((YamlScalarNode)name).Value}"));
        return targets;
    }
}
