using Microsoft.Extensions.Time.Testing;
using QSLM.Sensors.Board;

namespace QSLM.Sensors.Tests.Timing;

/// <summary>One reading in a test: of a source with nothing to wait for, or of one that waits through a fake clock.</summary>
internal static class SensorReads
{
    /// <summary>A reading of a source that completes at once (sysfs, program output, a log).</summary>
    public static PowerReading Read(this IPowerSensor sensor)
    {
        var reading = sensor.ReadAsync();
        return reading.IsCompleted ? reading.Result : throw new InvalidOperationException($"{sensor.Id} waits for a conversion: read it with Read(clock)");
    }

    /// <summary>A reading of a source that may wait on <paramref name="clock"/>.</summary>
    public static PowerReading Read(this IPowerSensor sensor, FakeTimeProvider clock) => clock.Run(() => sensor.ReadAsync());
}
