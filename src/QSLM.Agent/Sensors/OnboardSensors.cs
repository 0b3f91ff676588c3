using QSLM.Protocol.Messages;
using QSLM.Sensors.Board;
using QSLM.Sensors.Board.Discovery;
using QSLM.Sensors.Board.Memory;

namespace QSLM.Agent.Sensors;

/// <summary>
/// The sensors on the agent's board, found once by <see cref="SensorDiscovery"/> when it starts serving and read on
/// every read-sensors request: each is announced by its spec (the text <c>--sensor</c> opens it with) and tagged
/// with the id the host's sensor of that spec carries, so agent and host name a sensor alike. A sensor that gives
/// no reading when the agent starts (a RAPL counter readable by root only) is not announced. <c>MemAvailable</c>
/// (proc(5)) is announced beside them.
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
}
