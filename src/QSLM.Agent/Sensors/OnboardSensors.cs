using QSLM.Protocol.Messages;
using QSLM.Sensors.Board;
using QSLM.Sensors.Board.Discovery;
using QSLM.Sensors.Board.Memory;
using QSLM.Sensors.Board.Thermal;

namespace QSLM.Agent.Sensors;

/// <summary>
/// The sensors on the agent's board, found once by <see cref="SensorDiscovery"/> when it starts serving and read on
/// every read-sensors request: each is announced by its spec (the text <c>--sensor</c> opens it with) and tagged
/// with the id the host's sensor of that spec carries, so agent and host name a sensor alike. A sensor that gives
/// no reading when the agent starts (a RAPL counter readable by root only) is not announced. <c>MemAvailable</c>
/// (proc(5)) is announced beside them. A run or an idle window opens the power sensors it samples by spec
/// (<see cref="Open"/>) and reads the board's thermal state (<see cref="Thermal"/>).
/// </summary>
internal sealed class OnboardSensors
{
    private readonly IReadOnlyList<OnboardSensor> _sensors;
    private readonly TimeProvider _clock;
    private readonly Func<string, IPowerSensor> _open;
    private readonly Func<bool, Func<ThermalReading>> _thermal;

    /// <summary>Sensors announced as <paramref name="sensors"/>, opened for sampling by <paramref name="open"/>, with the
    /// thermal state of a window from <paramref name="thermal"/> (given whether the window is a timed one).</summary>
    public OnboardSensors(IReadOnlyList<OnboardSensor> sensors, Func<string, IPowerSensor> open, Func<bool, Func<ThermalReading>> thermal, TimeProvider? clock = null)
    {
        _sensors = sensors;
        _open = open;
        _thermal = thermal;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>What hello announces.</summary>
    public IReadOnlyList<SensorInfo> Infos => [.. _sensors.Select(s => s.Info)];

    /// <summary>Finds the sensors under <paramref name="root"/> (<c>/</c> on a board; a fake sysfs tree in tests)
    /// and the sensor programs on <paramref name="path"/> (default: $PATH).</summary>
    public static OnboardSensors Discover(string root = "/", string? path = null, TimeProvider? clock = null)
    {
        var probe = ThermalProbe.Open(root, path);
        return new OnboardSensors(Find(root, path), spec => BoardSensorSpec.Open(spec, TimeProvider.System, root), _ => probe.Read, clock);
    }

    /// <summary>What <see cref="Discover"/> announces under <paramref name="root"/>.</summary>
    public static List<OnboardSensor> Find(string root = "/", string? path = null)
    {
        var sensors = new List<OnboardSensor>();
        foreach (var found in SensorDiscovery.Find(root, path))
        {
            // A source's parts (a Jetson's rails, each GPU) first, then the source itself where it reads on its own.
            foreach (var sensor in found.Parts.Append(found))
            {
                if (sensor.Read is not { } read || read() is null) continue;
                sensors.Add(new OnboardSensor(new SensorInfo(sensor.Spec, sensor.Quantity, sensor.Unit, sensor.Source), read));
            }
        }
        var meminfo = Path.Combine(root, "proc/meminfo");
        if (MemInfo.Read(meminfo) is not null)
            sensors.Add(new OnboardSensor(new SensorInfo("MemAvailable", "memory", "B", SourceTag.Measured("meminfo")), () => MemInfo.Read(meminfo)?.AvailableBytes));
        return sensors;
    }

    /// <summary>Opens the power sensor <paramref name="spec"/> names for sampling (stamped on the system clock).</summary>
    /// <exception cref="QSLM.Errors.InputException">This board has no such sensor.</exception>
    public IPowerSensor Open(string spec) => _open(spec);

    /// <summary>The reader of the thermal state during a window that is <paramref name="timed"/> (a run's repeat) or idle.</summary>
    public Func<ThermalReading> Thermal(bool timed) => _thermal(timed);

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
}
