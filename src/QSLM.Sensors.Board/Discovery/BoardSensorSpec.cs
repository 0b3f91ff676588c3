using System.Device.I2c;
using System.Globalization;
using QSLM.Errors;
using QSLM.Sensors.Board.Hwmon;
using QSLM.Sensors.Board.Ina219;
using QSLM.Sensors.Board.Ina236;
using QSLM.Sensors.Board.Jetson;
using QSLM.Sensors.Board.NvidiaSmi;
using QSLM.Sensors.Board.Rapl;
using QSLM.Sensors.Board.RaspberryPi;
using UnitsNet;

namespace QSLM.Sensors.Board.Discovery;

/// <summary>
/// Opens a sensor of the board it runs on from a short text, as the CLI, the hardware inventory and the agent's
/// hello name them: <c>ina219:BUS:ADDR[:SHUNT_OHMS[:MAX_AMPERES]]</c>,
/// <c>ina236:BUS:ADDR[:SHUNT_OHMS[:MAX_AMPERES]]</c>, <c>jetson[:TOTAL_RAIL]</c>, <c>pmic</c> (Pi 5), <c>rapl[:ZONE]</c>,
/// <c>hwmon:NAME:LABEL</c>, <c>nvidia-smi[:GPU[:PERIOD_MS]]</c>. The agent and the host parse the same text here, so a
/// spec means the same sensor on either side.
/// </summary>
public static class BoardSensorSpec
{
    /// <summary>What the spec names, for help texts.</summary>
    public const string Help = "ina219:BUS:ADDR[:SHUNT_OHMS[:MAX_A]] | ina236:BUS:ADDR[:SHUNT_OHMS[:MAX_A]] | jetson[:TOTAL_RAIL] | pmic | rapl[:ZONE] | hwmon:NAME:LABEL | nvidia-smi[:GPU[:PERIOD_MS]]";

    /// <summary>Whether <paramref name="spec"/> has the form of a spec above (its numbers and the sensor itself unchecked).</summary>
    public static bool Names(string spec)
    {
        var parts = spec.Split(':');
        return parts[0] switch
        {
            "ina219" or "ina236" => parts.Length is >= 3 and <= 5,
            "pmic" => parts.Length == 1,
            "jetson" or "rapl" => parts.Length <= 2,
            "hwmon" => parts.Length == 3,
            "nvidia-smi" => parts.Length <= 3,
            _ => false,
        };
    }

    /// <summary>Opens the sensor <paramref name="spec"/> names; the board sources are found by <see cref="SensorDiscovery"/>
    /// under <paramref name="root"/> (<c>/</c>; a fake sysfs tree in tests). <paramref name="buses"/> reaches the I2C
    /// devices and <c>vcgencmd</c> (the board's own by default; a simulated bus in tests).</summary>
    /// <exception cref="InputException">The spec names no sensor, or the sensor it names is not there.</exception>
    public static IPowerSensor Open(string spec, TimeProvider clock, string root = "/", BoardBuses? buses = null)
    {
        var parts = spec.Split(':');
        buses ??= BoardBuses.Real;
        return parts[0] switch
        {
            "ina219" when parts.Length is >= 3 and <= 5 => OpenIna219(parts, spec, clock, buses),
            "ina236" when parts.Length is >= 3 and <= 5 => OpenIna236(parts, spec, clock, buses),
            "pmic" when parts.Length == 1 => new PmicSensor(clock, buses.ReadPmicAdc),
            "jetson" when parts.Length <= 2 => JetsonPowerSensor.Discover(clock, root, parts.Length == 2 ? parts[1] : null),
            "rapl" when parts.Length <= 2 => new RaplSensor(
                SensorDiscovery.RaplZones(root).FirstOrDefault(z => parts.Length == 1 || z.Name == parts[1])
                    ?? throw new InputException($"no RAPL zone{(parts.Length == 2 ? " named " + parts[1] : "")} under /sys/class/powercap"), clock),
            "hwmon" when parts.Length == 3 => new HwmonPowerSensor(
                SensorDiscovery.HwmonDevices(root, parts[1]).FirstOrDefault() ?? throw new InputException($"no hwmon device named {parts[1]} under /sys/class/hwmon"), parts[2], clock),
            "nvidia-smi" when parts.Length <= 3 => NvidiaSmiSensor.Start(clock, parts.Length == 3 ? Int(parts[2], spec) : 10, parts.Length >= 2 ? Int(parts[1], spec) : 0),
            _ => throw new InputException($"unknown sensor '{spec}'; expected {Help}"),
        };
    }

    // Every number is checked before the bus is opened, so a typo is reported as such, not as a missing /dev/i2c-N.
    private static Ina219Sensor OpenIna219(string[] parts, string spec, TimeProvider clock, BoardBuses buses)
    {
        var address = new I2cConnectionSettings(Int(parts[1], spec), Int(parts[2], spec));
        var settings = new Ina219Settings { Shunt = ElectricResistance.FromOhms(Number(parts, 3, 0.1, spec)), MaxExpectedCurrent = ElectricCurrent.FromAmperes(Number(parts, 4, 3.2, spec)) };
        try
        {
            settings.Validate();
        }
        catch (ArgumentException e)
        {
            // The shunt and current come from the spec: refused settings are the user's.
            throw new InputException($"sensor '{spec}': {e.Message}", e);
        }
        return new Ina219Sensor(OpenDevice(buses, address, spec), settings, clock);
    }

    private static Ina236Sensor OpenIna236(string[] parts, string spec, TimeProvider clock, BoardBuses buses)
    {
        var address = new I2cConnectionSettings(Int(parts[1], spec), Int(parts[2], spec));
        var shunt = ElectricResistance.FromOhms(Number(parts, 3, 0.008, spec));
        var max = ElectricCurrent.FromAmperes(Number(parts, 4, 10, spec));
        return new Ina236Sensor(OpenDevice(buses, address, spec), shunt, max, clock);
    }

    private static I2cDevice OpenDevice(BoardBuses buses, I2cConnectionSettings address, string spec) =>
        buses.OpenI2c is { } open ? open(address, spec) : OpenBus(address, spec);

    // The device node is checked by name, so a machine without the bus is told which file is missing, not an errno.
    private static I2cDevice OpenBus(I2cConnectionSettings address, string spec)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"/dev/i2c-{address.BusId}");
        if (!File.Exists(path))
            throw new InputException(string.Create(CultureInfo.InvariantCulture, $"sensor '{spec}': {path} does not exist (this machine has no I2C bus {address.BusId}: enable it, e.g. dtparam=i2c_arm=on on a Raspberry Pi, or check the bus number)"));
        try
        {
            return I2cDevice.Create(address);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"sensor '{spec}': cannot open {path} ({(e is UnauthorizedAccessException ? "permission denied: add the user to the i2c group" : "the bus does not answer")})", e);
        }
    }

    private static int Int(string text, string spec)
    {
        var ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? int.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        return ok ? value : throw new InputException($"'{text}' in sensor '{spec}' is not a whole number");
    }

    private static double Number(string[] parts, int index, double fallback, string spec) =>
        parts.Length <= index ? fallback
        : double.TryParse(parts[index], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 ? v
        : throw new InputException($"'{parts[index]}' in sensor '{spec}' is not a positive number");
}
