using System.Text.RegularExpressions;
using QSLM.Sensors.Board.Parsing;

namespace QSLM.Sensors.Board.Hwmon;

/// <summary>
/// A hwmon device (Linux Documentation/hwmon/sysfs-interface.rst): <c>inN_input</c> in mV,
/// <c>currN_input</c> in mA, <c>powerN_input</c> or <c>powerN_average</c> in µW, each optionally
/// named by <c>*_label</c>. Channels are found by label, because hwmon numbers change between boots
/// and channel numbers between drivers; an unlabelled channel is named by its file stem (<c>in1</c>).
/// </summary>
public sealed partial class HwmonReader(string directory)
{
    [GeneratedRegex(@"^(?<type>in|curr|power)(?<n>\d+)_(?<attr>label|input|average)$", RegexOptions.CultureInvariant)]
    private static partial Regex AttributeFile();

    /// <summary>The hwmon directory (<c>/sys/class/hwmon/hwmonN</c>).</summary>
    public string Directory { get; } = directory;

    /// <summary>The driver's name (the <c>name</c> file).</summary>
    public string? Name => SysfsFile.Text(Path.Combine(Directory, "name"));

    /// <summary>The hwmon devices under <paramref name="classRoot"/> whose name is <paramref name="name"/>, or all when null.</summary>
    public static IReadOnlyList<HwmonReader> Find(string classRoot = "/sys/class/hwmon", string? name = null) =>
        !System.IO.Directory.Exists(classRoot) ? [] :
        [.. System.IO.Directory.GetDirectories(classRoot, "hwmon*").Order(StringComparer.Ordinal)
            .Select(d => new HwmonReader(d)).Where(r => name is null || r.Name == name)];

    /// <summary>Reads every channel now, grouped by label.</summary>
    public IReadOnlyList<HwmonChannel> Read()
    {
        var byLabel = new Dictionary<string, (long? Mv, long? Ma, long? Uw)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var file in System.IO.Directory.GetFiles(Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            var m = AttributeFile().Match(file!);
            // Labels are read with their channel; an average exists only for power in the hwmon ABI.
            if (!m.Success || m.Groups["attr"].Value == "label" || (m.Groups["attr"].Value == "average" && m.Groups["type"].Value != "power")) continue;
            var stem = m.Groups["type"].Value + m.Groups["n"].Value;
            var label = SysfsFile.Text(Path.Combine(Directory, stem + "_label")) ?? stem;
            var value = SysfsFile.Integer(Path.Combine(Directory, file!));
            if (value is null) continue;
            if (!byLabel.TryGetValue(label, out var entry)) order.Add(label);
            byLabel[label] = m.Groups["type"].Value switch
            {
                "in" => entry with { Mv = value },
                "curr" => entry with { Ma = value },
                // powerN_input is instantaneous; prefer it over the average when both exist.
                _ when m.Groups["attr"].Value == "input" || entry.Uw is null => entry with { Uw = value },
                _ => entry,
            };
        }
        return [.. order.Select(l => new HwmonChannel(l, byLabel[l].Mv, byLabel[l].Ma, byLabel[l].Uw))];
    }

    /// <summary>The channel labelled <paramref name="label"/> (case-insensitive), or null.</summary>
    public HwmonChannel? Read(string label) => Read().FirstOrDefault(c => string.Equals(c.Label, label, StringComparison.OrdinalIgnoreCase));

    /// <summary>The driver's update interval in ms where it exposes one.</summary>
    public long? UpdateIntervalMs => SysfsFile.Integer(Path.Combine(Directory, "update_interval"));
}
