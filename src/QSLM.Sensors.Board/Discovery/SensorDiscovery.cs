using QSLM.Sensors.Hwmon;
using QSLM.Sensors.Jetson;
using QSLM.Sensors.Rapl;

namespace QSLM.Sensors.Discovery;

/// <summary>A power source found on this machine: the spec that opens it and what was seen.</summary>
public sealed record FoundSensor(string Spec, string Description);

/// <summary>
/// Lists the power sources present on a machine (for the agent's hello and <c>boards check</c>): Jetson
/// INA3221 devices in either layout, RAPL zones, labelled hwmon power channels, <c>nvidia-smi</c> and
/// <c>vcgencmd</c> on the PATH. Looks only; opens nothing. INA219/INA236 on I2C cannot be told apart
/// from other chips by a listing, so they come from the hardware inventory instead.
/// </summary>
public static class SensorDiscovery
{
    /// <summary>Sources under <paramref name="root"/> (<c>/</c> on a board) and on <paramref name="path"/> (default: $PATH).</summary>
    public static IReadOnlyList<FoundSensor> Find(string root = "/", string? path = null)
    {
        var found = new List<FoundSensor>();
        var jetson = Ina3221HwmonReader.Discover(root).Cast<IRailSource>().Concat(Ina3221IioReader.Discover(root)).ToList();
        if (jetson.Count > 0)
        {
            var rails = jetson.SelectMany(s => s.Read()).ToList();
            var total = rails.Count > 0 ? BoardTotal.Of(rails).Rule : "no readable rail";
            found.Add(new FoundSensor("jetson", $"INA3221 rails {string.Join(", ", rails.Select(r => r.Name))}; board total {total}"));
        }
        foreach (var zone in RaplZone.Discover(Path.Combine(root, "sys/class/powercap")))
            found.Add(new FoundSensor("rapl:" + zone.Name, $"RAPL zone {zone.Name} ({zone.Directory})"));
        foreach (var hwmon in HwmonReader.Find(Path.Combine(root, "sys/class/hwmon")))
        {
            if (hwmon.Name is not { } name) continue;
            foreach (var channel in hwmon.Read().Where(c => c.Watts is not null))
                found.Add(new FoundSensor($"hwmon:{name}:{channel.Label}", $"hwmon {name} channel {channel.Label}"));
        }
        var directories = (path ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        if (OnPath("nvidia-smi", directories)) found.Add(new FoundSensor("nvidia-smi", "NVIDIA GPU power via nvidia-smi"));
        if (OnPath("vcgencmd", directories)) found.Add(new FoundSensor("pmic", "Raspberry Pi PMIC via vcgencmd pmic_read_adc (Pi 5)"));
        return found;
    }

    private static bool OnPath(string program, string[] directories) => directories.Any(d => File.Exists(Path.Combine(d, program)));
}
