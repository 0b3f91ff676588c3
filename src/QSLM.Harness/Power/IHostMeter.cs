using QSLM.Sensors.Board;
using QSLM.Sensors.Sampling;

namespace QSLM.Harness.Power;

/// <summary>
/// A meter beside the board, read by the host: an INA219 on the host's bus or a USB meter in the board's supply.
/// Its samples are stamped on the host's monotonic clock (<see cref="IBoardWindows.HostSeconds"/>), and a lab
/// measurement cuts them at the agent's marks mapped to that clock by <see cref="ClockSync"/>.
/// </summary>
public interface IHostMeter
{
    /// <summary>The tag of every sample.</summary>
    SourceTag Source { get; }

    /// <summary>Time between samples.</summary>
    TimeSpan Interval { get; }

    /// <summary>Starts sampling; the recording ends when it is stopped.</summary>
    IHostMeterRecording Start();
}

/// <summary>A host meter sampling until stopped.</summary>
public interface IHostMeterRecording : IDisposable
{
    /// <summary>Stops sampling and returns every sample, stamped on the host's monotonic clock.</summary>
    SampleSeries Stop();
}
