using System.Globalization;

namespace QSLM.Sensors.Board.Discovery;

/// <summary>
/// The one naming scheme of sensors. A sensor has a spec, the text that opens it (<c>--sensor</c>, the hardware
/// inventory, the agent's hello), and an id, the name its figures are tagged with (<c>measured:&lt;id&gt;</c>) and
/// calibration records are keyed by. The agent announces a sensor by its spec and tags it with the id the host's
/// sensor opened from that spec carries, so the two always name the same sensor alike.
/// </summary>
public static class SensorIds
{
    /// <summary>A Jetson's INA3221 with <paramref name="totalRail"/> as the total (null: the board-total rule).</summary>
    public static string JetsonSpec(string? totalRail = null) => totalRail is null ? "jetson" : "jetson:" + totalRail;

    /// <summary>The id of a Jetson total whose rule (<see cref="Jetson.BoardTotal"/>) is <paramref name="rule"/>: the rail, or <c>rail-sum</c>.</summary>
    public static string JetsonId(string rule) => "jetson-" + (rule.StartsWith("sum", StringComparison.Ordinal) ? "rail-sum" : rule);

    /// <summary>A RAPL zone's spec.</summary>
    public static string RaplSpec(string zone) => "rapl:" + zone;

    /// <summary>A RAPL zone's id.</summary>
    public static string RaplId(string zone) => "rapl-" + zone;

    /// <summary>A labelled hwmon channel's spec.</summary>
    public static string HwmonSpec(string name, string label) => $"hwmon:{name}:{label}";

    /// <summary>A labelled hwmon channel's id (spaces, which a tag cannot hold, become underscores).</summary>
    public static string HwmonId(string name, string label) => $"hwmon-{name}-{label}".Replace(' ', '_');

    /// <summary>A GPU's spec for <c>nvidia-smi</c> (GPU 0 when null).</summary>
    public static string NvidiaSmiSpec(int? gpu = null) => gpu is { } g ? "nvidia-smi:" + g.ToString(CultureInfo.InvariantCulture) : "nvidia-smi";

    /// <summary>A GPU's id for <c>nvidia-smi</c>.</summary>
    public static string NvidiaSmiId(int gpu) => "nvidia-smi-gpu" + gpu.ToString(CultureInfo.InvariantCulture);

    /// <summary>The Raspberry Pi 5 PMIC's spec.</summary>
    public const string PmicSpec = "pmic";

    /// <summary>The Raspberry Pi 5 PMIC's id.</summary>
    public const string PmicId = "pi5-pmic";

    /// <summary>The id of an INA219 or INA236 (<paramref name="chip"/>) on I2C bus <paramref name="bus"/> at <paramref name="address"/>.</summary>
    public static string I2cId(string chip, int bus, int address) => string.Create(CultureInfo.InvariantCulture, $"{chip}-{bus}-0x{address:x2}");
}
