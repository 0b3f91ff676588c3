using System.Globalization;
using QSLM.Sensors.Board.Parsing;

namespace QSLM.Sensors.Board.Jetson;

/// <summary>
/// The JetPack 4 INA3221 layout (NVIDIA's ina3221x IIO driver, Jetson Nano/TX2 "Power Monitoring"):
/// <c>/sys/bus/i2c/drivers/ina3221x/&lt;bus&gt;-0040/iio:device0/</c> with <c>rail_name_N</c>,
/// <c>in_power{N}_input</c> (mW), <c>in_current{N}_input</c> (mA) and <c>in_voltage{N}_input</c> (mV)
/// for the three channels of the TI INA3221 (SBOS576).
/// </summary>
public sealed class Ina3221IioReader(string directory) : IRailSource
{
    /// <inheritdoc />
    public string Directory { get; } = directory;

    /// <summary>Every IIO device of the ina3221x driver under <paramref name="root"/> (<c>/</c> on a board, a temp folder in tests).</summary>
    public static IReadOnlyList<Ina3221IioReader> Discover(string root = "/")
    {
        var driver = Path.Combine(root, "sys/bus/i2c/drivers/ina3221x");
        if (!System.IO.Directory.Exists(driver)) return [];
        return [.. System.IO.Directory.GetDirectories(driver).SelectMany(d => System.IO.Directory.GetDirectories(d, "iio:device*"))
            .Order(StringComparer.Ordinal).Select(d => new Ina3221IioReader(d))];
    }

    /// <inheritdoc />
    public IReadOnlyList<RailPower> Read()
    {
        var rails = new List<RailPower>();
        for (var n = 0; n < 3; n++)
        {
            var name = SysfsFile.Text(Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"rail_name_{n}")));
            if (name is null) continue;
            var power = SysfsFile.Integer(Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"in_power{n}_input")));
            if (power is null) continue;
            rails.Add(new RailPower(name, power.Value,
                Milliamperes: SysfsFile.Integer(Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"in_current{n}_input"))),
                Millivolts: SysfsFile.Integer(Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"in_voltage{n}_input")))));
        }
        return rails;
    }
}
