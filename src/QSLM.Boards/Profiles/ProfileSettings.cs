using QSLM.Boards.Inventory;
using QSLM.Protocol.Messages;

namespace QSLM.Boards.Profiles;

/// <summary>
/// Reads a profile's <c>settings:</c> map into typed <see cref="BoardSettings"/>: <c>nvpmodel</c> a whole number,
/// <c>jetson_clocks</c> on or off, <c>governor</c> a cpufreq governor the kernel knows, <c>min_freq_khz</c> and
/// <c>max_freq_khz</c> whole numbers of kHz. Anything else is refused at its line, naming the setting: a profile holds
/// values, never commands, and nothing in it is ever run.
/// </summary>
internal static class ProfileSettings
{
    public static BoardSettings Read(YamlMap map)
    {
        map.Only(BoardSettings.NvpModelName, BoardSettings.JetsonClocksName, BoardSettings.GovernorName, BoardSettings.MinFreqName, BoardSettings.MaxFreqName);
        var settings = new BoardSettings(
            map.OptionalInt(BoardSettings.NvpModelName, 0, int.MaxValue),
            OnOff(map, BoardSettings.JetsonClocksName),
            Governor(map),
            map.OptionalInt(BoardSettings.MinFreqName, 1, int.MaxValue),
            map.OptionalInt(BoardSettings.MaxFreqName, 1, int.MaxValue));
        return settings.Problem() is { } problem ? throw map.Error(map.Node, problem) : settings;
    }

    private static bool? OnOff(YamlMap map, string key) => map.OptionalString(key) switch
    {
        null => null,
        "on" => true,
        "off" => false,
        var other => throw map.Error(map.NodeOf(key), $"'{key}' must be on or off, not '{other}'"),
    };

    private static string? Governor(YamlMap map)
    {
        var name = map.OptionalString(BoardSettings.GovernorName);
        if (name is null || BoardSettings.KnownGovernors.Contains(name, StringComparer.Ordinal)) return name;
        throw map.Error(map.NodeOf(BoardSettings.GovernorName),
            $"'{BoardSettings.GovernorName}' must be a cpufreq governor ({string.Join(", ", BoardSettings.KnownGovernors)}), not '{name}'");
    }
}
