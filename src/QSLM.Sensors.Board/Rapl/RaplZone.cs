using QSLM.Sensors.Board.Parsing;

namespace QSLM.Sensors.Board.Rapl;

/// <summary>
/// An Intel RAPL powercap zone (Linux Documentation/power/powercap/powercap.rst):
/// <c>/sys/class/powercap/intel-rapl:N/</c> with <c>name</c>, <c>energy_uj</c> (a cumulative counter in µJ,
/// readable by root only on recent kernels) and <c>max_energy_range_uj</c>, where the counter wraps.
/// </summary>
public sealed class RaplZone(string directory)
{
    /// <summary>The zone's directory.</summary>
    public string Directory { get; } = directory;

    /// <summary>The zone's name (<c>package-0</c>, <c>dram</c>, <c>core</c>).</summary>
    public string Name => SysfsFile.Text(Path.Combine(Directory, "name")) ?? Path.GetFileName(Directory);

    /// <summary>The counter's range; it wraps to 0 after this value.</summary>
    public long MaxEnergyRangeMicrojoules =>
        SysfsFile.Integer(Path.Combine(Directory, "max_energy_range_uj")) ?? throw new IOException($"{Directory}/max_energy_range_uj is missing or unreadable");

    /// <summary>The counter now.</summary>
    public long EnergyMicrojoules =>
        SysfsFile.Integer(Path.Combine(Directory, "energy_uj")) ?? throw new IOException($"{Directory}/energy_uj is missing or unreadable (root only on kernels since 5.10)");

    /// <summary>Top-level zones (<c>intel-rapl:N</c>, not their subzones) under <paramref name="powercapRoot"/>.</summary>
    public static IReadOnlyList<RaplZone> Discover(string powercapRoot = "/sys/class/powercap") =>
        !System.IO.Directory.Exists(powercapRoot) ? [] :
        [.. System.IO.Directory.GetDirectories(powercapRoot, "intel-rapl:*")
            .Where(d => Path.GetFileName(d).Count(c => c == ':') == 1)
            .Order(StringComparer.Ordinal).Select(d => new RaplZone(d))];

    /// <summary>Energy between two counter values, across at most one wrap at <paramref name="maxRange"/>.</summary>
    public static long Delta(long previous, long current, long maxRange) =>
        current >= previous ? current - previous : maxRange - previous + current;
}
