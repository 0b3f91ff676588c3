using QSLM.Protocol.Messages;
using QSLM.Sensors.Board.Thermal;

namespace QSLM.Agent.Sampling;

/// <summary>
/// One window's sampling: a <see cref="SensorSampler"/> per sensor and the <see cref="ThermalWatch"/>. Stopping it
/// sends every sample not yet sent, so all of a window's samples precede its stop mark.
/// </summary>
internal sealed class WindowSampling
{
    private readonly IReadOnlyList<SensorSampler> _samplers;
    private readonly ThermalWatch _thermal;
    private readonly Func<Message, Task> _send;

    private WindowSampling(IReadOnlyList<SensorSampler> samplers, ThermalWatch thermal, Func<Message, Task> send)
    {
        _samplers = samplers;
        _thermal = thermal;
        _send = send;
    }

    /// <summary>Starts sampling <paramref name="sensors"/> and the board's thermal state for window <paramref name="window"/>.</summary>
    public static WindowSampling Start(int window, WindowSensors sensors, Func<ThermalReading> thermal, Func<Message, Task> send)
    {
        var watch = ThermalWatch.Start(thermal);
        var samplers = sensors.Sensors.Select(s => SensorSampler.Start(s.Spec, s.Sensor, window, send)).ToList();
        return new WindowSampling(samplers, watch, send);
    }

    /// <summary>Stops every sampler and the watch, sending nothing (a window cut short by a failure or a host gone).</summary>
    public void Abandon()
    {
        foreach (var sampler in _samplers) sampler.Halt();
        _thermal.Halt();
    }

    /// <summary>Stops every sampler, sends what each still holds up to <paramref name="stopSeconds"/>, and returns the window's thermal state.</summary>
    public async Task<ThermalState?> StopAsync(double stopSeconds)
    {
        Abandon();
        var thermal = _thermal.Stop();
        var rests = _samplers.Select(s => s.Stop(stopSeconds)).ToList();
        foreach (var rest in rests)
        {
            if (rest is not null) await _send(rest).ConfigureAwait(false);
        }
        return thermal;
    }
}
