using System.Globalization;
using QSLM.Sensors.Board.Parsing;

namespace QSLM.Sensors.Board.Jetson;

/// <summary>
/// The JetPack 5/6 INA3221 layout (mainline ina3221 hwmon driver, Linux Documentation/hwmon/ina3221.rst):
/// <c>/sys/bus/i2c/drivers/ina3221/1-0040/hwmon/hwmonN/</c> with, for channel K = 1..3, <c>inK_label</c>
/// naming the rail, <c>inK_input</c> its bus voltage (mV) and <c>currK_input</c> its current (mA); power
/// is their product. Only <c>inK</c> carries the label, so the current is paired by channel number.
/// N changes between boots, so devices are discovered and rails named by label.
/// </summary>
public sealed class Ina3221HwmonReader(string directory) : IRailSource
{
    /// <inheritdoc />
    public string Directory { get; } = directory;

    /// <summary>Every hwmon device of the ina3221 driver under <paramref name="root"/>.</summary>
    public static IReadOnlyList<Ina3221HwmonReader> Discover(string root = "/")
    {
        var driver = Path.Combine(root, "sys/bus/i2c/drivers/ina3221");
        if (!System.IO.Directory.Exists(driver)) return [];
        return [.. System.IO.Directory.GetDirectories(driver)
            .Select(d => Path.Combine(d, "hwmon")).Where(System.IO.Directory.Exists)
            .SelectMany(h => System.IO.Directory.GetDirectories(h, "hwmon*"))
            .Order(StringComparer.Ordinal).Select(d => new Ina3221HwmonReader(d))];
    }

    /// <inheritdoc />
    public IReadOnlyList<RailPower> Read()
    {
        var rails = new List<RailPower>();
        for (var k = 1; k <= 3; k++)
        {
            // An unlabelled channel is not connected (the device tree gives no rail name); in4..in6 are shunt voltages.
            var label = SysfsFile.Text(File(k, "in", "label"));
            if (string.IsNullOrEmpty(label)) continue;
            var mv = SysfsFile.Integer(File(k, "in", "input"));
            var ma = SysfsFile.Integer(File(k, "curr", "input"));
            if (mv is null || ma is null) continue;
            rails.Add(new RailPower(label, mv.Value * ma.Value / 1000.0, Milliamperes: ma, Millivolts: mv));
        }
        return rails;
    }

    /// <summary>The driver's conversion period in ms (<c>update_interval</c>), where it exposes one.</summary>
    public long? UpdateIntervalMs => SysfsFile.Integer(Path.Combine(Directory, "update_interval"));

    private string File(int channel, string type, string attribute) =>
        Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"{type}{channel}_{attribute}"));
}
