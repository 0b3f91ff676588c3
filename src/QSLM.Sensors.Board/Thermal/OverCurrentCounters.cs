using QSLM.Sensors.Board.Jetson;
using QSLM.Sensors.Board.Parsing;

namespace QSLM.Sensors.Board.Thermal;

/// <summary>
/// A Jetson's over-current throttle event counters: <c>oc*_event_cnt</c> in the ina3221 hwmon device on JetPack 5/6
/// (the path as NVIDIA's Jetson power documentation gives it; not verified on hardware here). Each counts the times
/// the board throttled because a rail drew past its limit, so the board throttled between two readings when a
/// counter grew.
/// </summary>
internal sealed class OverCurrentCounters
{
    private readonly IReadOnlyList<string> _files;
    private readonly Dictionary<string, long> _previous = new(StringComparer.Ordinal);

    private OverCurrentCounters(IReadOnlyList<string> files)
    {
        _files = files;
        // The first reading is the baseline: events before the probe opened are not this window's.
        foreach (var file in files)
        {
            if (SysfsFile.Integer(file) is { } count) _previous[file] = count;
        }
    }

    /// <summary>The counters under <paramref name="root"/>.</summary>
    public static OverCurrentCounters Open(string root) =>
        new([.. Ina3221HwmonReader.Discover(root).SelectMany(d => Directory.GetFiles(d.Directory, "oc*_event_cnt")).Order(StringComparer.Ordinal)]);

    public bool IsEmpty => _files.Count == 0;

    /// <summary>The counters that grew since the last reading (<c>oc1_event_cnt +2</c>); null when none is readable.</summary>
    public IReadOnlyList<string>? Grown()
    {
        List<string>? grown = null;
        foreach (var file in _files)
        {
            if (SysfsFile.Integer(file) is not { } count) continue;
            grown ??= [];
            if (_previous.TryGetValue(file, out var before) && count > before) grown.Add(FormattableString.Invariant($"{Path.GetFileName(file)} +{count - before}"));
            _previous[file] = count;
        }
        return grown;
    }
}
