using System.Globalization;
using QSLM.Sensors.Board.Programs;

namespace QSLM.Sensors.Board.Thermal;

/// <summary>
/// Reads a board's temperature and throttle state under a root (<c>/</c> on a board, a fake tree in tests):
/// the kernel's thermal zones (<c>sys/class/thermal/thermal_zone*/temp</c>, millidegrees Celsius, Linux
/// thermal sysfs ABI); on a Raspberry Pi, <c>vcgencmd get_throttled</c> (<see cref="ThrottledFlags"/>; the only
/// command run, fixed); on a Jetson, the over-current throttle event counters of its INA3221 (throttled when one
/// grew since the previous reading).
/// </summary>
public sealed class ThermalProbe
{
    private readonly IReadOnlyList<string> _zones;
    private readonly string? _vcgencmd;
    private readonly OverCurrentCounters _overCurrent;
    private readonly Lock _lock = new();

    private ThermalProbe(IReadOnlyList<string> zones, string? vcgencmd, OverCurrentCounters overCurrent)
    {
        _zones = zones;
        _vcgencmd = vcgencmd;
        _overCurrent = overCurrent;
    }

    /// <summary>The probe of the board under <paramref name="root"/>; programs (<c>vcgencmd</c>) are looked up on
    /// <paramref name="path"/> (default: $PATH).</summary>
    public static ThermalProbe Open(string root = "/", string? path = null)
    {
        var thermal = Path.Combine(root, "sys/class/thermal");
        var zones = Directory.Exists(thermal)
            ? Directory.GetDirectories(thermal, "thermal_zone*").Select(z => Path.Combine(z, "temp")).Where(File.Exists).Order(StringComparer.Ordinal).ToList()
            : [];
        var vcgencmd = (path ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "vcgencmd")).FirstOrDefault(File.Exists);
        return new ThermalProbe(zones, vcgencmd, OverCurrentCounters.Open(root));
    }

    /// <summary>Whether the board reports anything at all.</summary>
    public bool IsEmpty => _zones.Count == 0 && _vcgencmd is null && _overCurrent.IsEmpty;

    /// <summary>Reads every source once. The throttle state is null when no source answered; counters compare with
    /// the previous reading (the first with the probe's opening).</summary>
    public ThermalReading Read()
    {
        double? max = null;
        foreach (var zone in _zones)
        {
            if (ReadMilli(zone) is { } celsius && (max is null || celsius > max)) max = celsius;
        }
        bool? throttled = null;
        var details = new List<string>();
        if (_vcgencmd is not null && ProgramOutput.Run(_vcgencmd, "get_throttled") is { } output && ThrottledFlags.Parse(output) is { } flags)
        {
            throttled = flags.Now;
            if (flags.Value != 0) details.Add(flags.ToString());
        }
        IReadOnlyList<string>? grown;
        lock (_lock) grown = _overCurrent.Grown();
        if (grown is not null)
        {
            throttled = throttled == true || grown.Count > 0;
            details.AddRange(grown);
        }
        return new ThermalReading(max, throttled, details.Count == 0 ? null : string.Join("; ", details));
    }

    private static double? ReadMilli(string file)
    {
        try
        {
            return long.TryParse(File.ReadAllText(file).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var milli) ? milli / 1000.0 : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
