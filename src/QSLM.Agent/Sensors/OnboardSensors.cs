using System.Globalization;
using QSLM.Protocol.Messages;
using QSLM.Sensors.Hwmon;
using QSLM.Sensors.Jetson;
using QSLM.Sensors.Memory;
using QSLM.Sensors.NvidiaSmi;
using QSLM.Sensors.Rapl;
using QSLM.Sensors.RaspberryPi;

namespace QSLM.Agent.Sensors;

/// <summary>
/// The sensors on the agent's board, found once when it starts serving and read on every read-sensors
/// request: each Jetson INA3221 rail by label and the board total (POM_5V_IN, VDD_IN, else the sum;
/// TI SBOS576), RAPL zones whose counter is readable, labelled hwmon power channels, each GPU that
/// <c>nvidia-smi</c> reports, the Pi 5 PMIC through <c>vcgencmd pmic_read_adc</c>, and
/// <c>MemAvailable</c> (proc(5)). Every figure is tagged <c>measured:&lt;sensor&gt;</c>.
/// </summary>
internal sealed class OnboardSensors
{
    private readonly IReadOnlyList<OnboardSensor> _sensors;
    private readonly TimeProvider _clock;

    private OnboardSensors(IReadOnlyList<OnboardSensor> sensors, TimeProvider clock)
    {
        _sensors = sensors;
        _clock = clock;
    }

    /// <summary>What hello announces.</summary>
    public IReadOnlyList<SensorInfo> Infos => [.. _sensors.Select(s => s.Info)];

    /// <summary>Finds the sensors under <paramref name="root"/> (<c>/</c> on a board; a fake sysfs tree in tests)
    /// and the sensor programs on <paramref name="path"/> (default: $PATH).</summary>
    public static OnboardSensors Discover(string root = "/", string? path = null, TimeProvider? clock = null)
    {
        var sensors = new List<OnboardSensor>();
        var jetson = Ina3221HwmonReader.Discover(root).Cast<IRailSource>().Concat(Ina3221IioReader.Discover(root)).ToList();
        AddJetson(sensors, jetson);
        foreach (var zone in RaplZone.Discover(Path.Combine(root, "sys/class/powercap")))
        {
            // energy_uj is root-only on kernels since 5.10: a zone the agent cannot read is not announced.
            if (Try(() => zone.EnergyMicrojoules) is null) continue;
            sensors.Add(Sensor("rapl-" + zone.Name, "energy", "J", () => Try(() => zone.EnergyMicrojoules) is { } uj ? uj / 1e6 : null));
        }
        foreach (var hwmon in HwmonReader.Find(Path.Combine(root, "sys/class/hwmon")))
        {
            // The Jetson's INA3221 shows up here too; its rails are announced above by label.
            if (hwmon.Name is not { } name || (jetson.Count > 0 && name == "ina3221")) continue;
            foreach (var channel in hwmon.Read().Where(c => c.Watts is not null))
            {
                var label = channel.Label;
                sensors.Add(Sensor($"hwmon-{name}-{label}".Replace(' ', '_'), "power", "W", () => hwmon.Read(label)?.Watts));
            }
        }
        var directories = (path ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        if (Find("nvidia-smi", directories) is { } smi) AddNvidia(sensors, smi);
        if (Find("vcgencmd", directories) is { } vcgencmd && PmicWatts(vcgencmd) is not null)
            sensors.Add(Sensor("pi5-pmic", "power", "W", () => PmicWatts(vcgencmd)));
        var meminfo = Path.Combine(root, "proc/meminfo");
        if (MemInfo.Read(meminfo) is not null)
            sensors.Add(new OnboardSensor(new SensorInfo("MemAvailable", "memory", "B", "measured:meminfo"), () => MemInfo.Read(meminfo)?.AvailableBytes));
        return new OnboardSensors(sensors, clock ?? TimeProvider.System);
    }

    /// <summary>One reading per sensor that can be read now.</summary>
    public IReadOnlyList<SensorReading> ReadAll()
    {
        var readings = new List<SensorReading>(_sensors.Count);
        foreach (var sensor in _sensors)
        {
            if (sensor.Read() is not { } value || !double.IsFinite(value)) continue;
            readings.Add(new SensorReading(sensor.Info.Name, value, sensor.Info.Unit, sensor.Info.Source, _clock.GetUtcNow()));
        }
        return readings;
    }

    private static void AddJetson(List<OnboardSensor> sensors, IReadOnlyList<IRailSource> sources)
    {
        if (sources.Count == 0) return;
        List<RailPower> Rails() => [.. sources.SelectMany(s => Try(s.Read) ?? [])];
        var rails = Rails();
        foreach (var rail in rails.Select(r => r.Name).Distinct(StringComparer.Ordinal))
            sensors.Add(Sensor("jetson-" + rail, "power", "W", () => Rails().FirstOrDefault(r => r.Name == rail)?.Milliwatts / 1000));
        if (rails.Count == 0) return;
        var rule = BoardTotal.Of(rails).Rule;
        var id = rule.StartsWith("sum", StringComparison.Ordinal) ? "jetson-rail-sum" : "jetson-" + rule;
        sensors.Add(new OnboardSensor(new SensorInfo("jetson-total", "power", "W", "measured:" + id), () => Rails() is { Count: > 0 } now ? BoardTotal.Of(now).Milliwatts / 1000 : null));
    }

    private static void AddNvidia(List<OnboardSensor> sensors, string smi)
    {
        if (ProgramOutput.Run(smi, "--query-gpu=index", "--format=csv,noheader,nounits") is not { } indices) return;
        foreach (var line in indices.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var gpu)) continue;
            var index = gpu.ToString(CultureInfo.InvariantCulture);
            sensors.Add(Sensor("nvidia-smi-gpu" + index, "power", "W", () =>
                ProgramOutput.Run(smi, "--query-gpu=power.draw,power.draw.instant", "--format=csv,noheader,nounits", "-i", index) is { } output
                    ? NvidiaSmiParser.Parse(output.Trim()).Sample?.Watts
                    : null));
        }
    }

    private static double? PmicWatts(string vcgencmd) =>
        ProgramOutput.Run(vcgencmd, "pmic_read_adc") is { } output && PmicAdcParser.Parse(output) is { } reading && reading.Rails.Any(r => r.Watts is not null)
            ? reading.TotalWatts
            : null;

    private static OnboardSensor Sensor(string name, string quantity, string unit, Func<double?> read) =>
        new(new SensorInfo(name, quantity, unit, "measured:" + name), read);

    private static string? Find(string program, string[] directories) =>
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
