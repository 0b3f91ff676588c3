using System.Globalization;
using QSLM.Sensors.Board.Hwmon;
using QSLM.Sensors.Board.Jetson;
using QSLM.Sensors.Board.NvidiaSmi;
using QSLM.Sensors.Board.Programs;
using QSLM.Sensors.Board.Rapl;
using QSLM.Sensors.Board.RaspberryPi;

namespace QSLM.Sensors.Board.Discovery;

/// <summary>
/// Finds the power sources of a machine, for the agent's hello and for the host's sensor specs alike: Jetson INA3221
/// devices in either layout (each rail and the board total, TI SBOS576), RAPL zones, labelled hwmon power channels,
/// the GPUs <c>nvidia-smi</c> reports and the Pi 5 PMIC through <c>vcgencmd pmic_read_adc</c>. Every sensor is named
/// by <see cref="SensorIds"/>. INA219/INA236 on I2C cannot be told apart from other chips by a listing, so they come
/// from the hardware inventory instead.
/// </summary>
public static class SensorDiscovery
{
    /// <summary>The Jetson INA3221 devices under <paramref name="root"/> (<c>/</c> on a board), JetPack 5/6 layout first.</summary>
    public static IReadOnlyList<IRailSource> RailSources(string root = "/") =>
        [.. Ina3221HwmonReader.Discover(root), .. Ina3221IioReader.Discover(root)];

    /// <summary>The top-level RAPL zones under <paramref name="root"/>.</summary>
    public static IReadOnlyList<RaplZone> RaplZones(string root = "/") => RaplZone.Discover(Path.Combine(root, "sys/class/powercap"));

    /// <summary>The hwmon devices under <paramref name="root"/> named <paramref name="name"/>, or all when null.</summary>
    public static IReadOnlyList<HwmonReader> HwmonDevices(string root = "/", string? name = null) => HwmonReader.Find(Path.Combine(root, "sys/class/hwmon"), name);

    /// <summary>Sources under <paramref name="root"/> and programs on <paramref name="path"/> (default: $PATH). Only
    /// <c>nvidia-smi</c> is run here, to list its GPUs; everything else is only looked at.</summary>
    public static IReadOnlyList<FoundSensor> Find(string root = "/", string? path = null)
    {
        var found = new List<FoundSensor>();
        var jetson = RailSources(root);
        if (Jetson(jetson) is { } board) found.Add(board);
        foreach (var zone in RaplZones(root))
            found.Add(new FoundSensor(SensorIds.RaplSpec(zone.Name), SourceTag.Measured(SensorIds.RaplId(zone.Name)), "energy", "J",
                $"RAPL zone {zone.Name} ({zone.Directory})", () => Try(() => zone.EnergyMicrojoules) is { } uj ? uj / 1e6 : null));
        foreach (var hwmon in HwmonDevices(root))
        {
            // The Jetson's INA3221 shows up here too; its rails are found above by label.
            if (hwmon.Name is not { } name || (jetson.Count > 0 && name == "ina3221")) continue;
            foreach (var channel in hwmon.Read().Where(c => c.Watts is not null))
            {
                var label = channel.Label;
                found.Add(new FoundSensor(SensorIds.HwmonSpec(name, label), SourceTag.Measured(SensorIds.HwmonId(name, label)), "power", "W",
                    $"hwmon {name} channel {label}", () => hwmon.Read(label)?.Watts));
            }
        }
        var directories = (path ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        if (OnPath("nvidia-smi", directories) is { } smi) found.Add(NvidiaGpus(smi));
        if (OnPath("vcgencmd", directories) is { } vcgencmd)
            found.Add(new FoundSensor(SensorIds.PmicSpec, SourceTag.Measured(SensorIds.PmicId), "power", "W",
                "Raspberry Pi PMIC via vcgencmd pmic_read_adc (Pi 5)", () => PmicWatts(vcgencmd)));
        return found;
    }

    private static FoundSensor? Jetson(IReadOnlyList<IRailSource> sources)
    {
        if (sources.Count == 0) return null;
        List<RailPower> Rails() => [.. sources.SelectMany(s => Try(s.Read) ?? [])];
        var rails = Rails();
        var parts = rails.Select(r => r.Name).Distinct(StringComparer.Ordinal)
            .Select(rail => new FoundSensor(SensorIds.JetsonSpec(rail), SourceTag.Measured(SensorIds.JetsonId(rail)), "power", "W",
                $"INA3221 rail {rail}", () => Rails().FirstOrDefault(r => r.Name == rail)?.Milliwatts / 1000))
            .ToList();
        var rule = rails.Count > 0 ? BoardTotal.Of(rails).Rule : null;
        return new FoundSensor(SensorIds.JetsonSpec(), SourceTag.Measured(SensorIds.JetsonId(rule ?? "sum")), "power", "W",
            $"INA3221 rails {string.Join(", ", rails.Select(r => r.Name))}; board total {rule ?? "no readable rail"}",
            () => Rails() is { Count: > 0 } now ? BoardTotal.Of(now).Milliwatts / 1000 : null, parts);
    }

    private static FoundSensor NvidiaGpus(string smi)
    {
        var gpus = new List<FoundSensor>();
        var indices = ProgramOutput.Run(smi, "--query-gpu=index", "--format=csv,noheader,nounits") ?? "";
        foreach (var line in indices.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var gpu)) continue;
            var index = gpu.ToString(CultureInfo.InvariantCulture);
            gpus.Add(new FoundSensor(SensorIds.NvidiaSmiSpec(gpu), SourceTag.Measured(SensorIds.NvidiaSmiId(gpu)), "power", "W", $"NVIDIA GPU {index} power via nvidia-smi", () =>
                ProgramOutput.Run(smi, "--query-gpu=power.draw,power.draw.instant", "--format=csv,noheader,nounits", "-i", index) is { } output
                    ? NvidiaSmiParser.Parse(output.Trim()).Sample?.Watts
                    : null));
        }
        return new FoundSensor(SensorIds.NvidiaSmiSpec(), SourceTag.Measured(SensorIds.NvidiaSmiId(0)), "power", "W", "NVIDIA GPU power via nvidia-smi", null, gpus);
    }

    private static double? PmicWatts(string vcgencmd) =>
        ProgramOutput.Run(vcgencmd, "pmic_read_adc") is { } output && PmicAdcParser.Parse(output) is { } reading && reading.Rails.Any(r => r.Watts is not null)
            ? reading.TotalWatts
            : null;

    private static string? OnPath(string program, string[] directories) =>
        directories.Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);

    /// <summary>A sysfs read that may fail (a file vanishing, permissions): null instead of an exception.</summary>
    private static T? Try<T>(Func<T> read) where T : class
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long? Try(Func<long> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
