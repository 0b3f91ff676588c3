using QSLM.Protocol.Messages;
using QSLM.Sensors.Board.Thermal;

namespace QSLM.Agent.Sampling;

/// <summary>
/// Temperature and throttling over a window: read when it starts, about once a second during it and when it stops.
/// The window's state is the hottest reading and whether any reading said the board throttled.
/// </summary>
internal sealed class ThermalWatch
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private readonly Func<ThermalReading> _read;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;
    private readonly Lock _gate = new();
    private double? _maxCelsius;
    private bool? _throttled;
    private string? _detail;

    private ThermalWatch(Func<ThermalReading> read)
    {
        _read = read;
        _thread = new Thread(Loop) { IsBackground = true, Name = "thermal" };
    }

    /// <summary>Reads once now and starts the watch.</summary>
    public static ThermalWatch Start(Func<ThermalReading> read)
    {
        var watch = new ThermalWatch(read);
        watch.Take();
        watch._thread.Start();
        return watch;
    }

    /// <summary>Reads once more and returns the window's state, or null when the board reports neither temperature nor throttling.</summary>
    public ThermalState? Stop()
    {
        Halt();
        Take();
        lock (_gate)
        {
            return _maxCelsius is null && _throttled is null ? null : new ThermalState(_maxCelsius, _throttled ?? false, _detail);
        }
    }

    /// <summary>Stops the watch without a last reading. Safe to call more than once.</summary>
    public void Halt()
    {
        _stop.Set();
        _thread.Join();
    }

    private void Loop()
    {
        while (!_stop.Wait(Period)) Take();
    }

    private void Take()
    {
        ThermalReading reading;
        try
        {
            reading = _read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or FormatException)
        {
            // A reading that failed says nothing about the window; the next one may.
            return;
        }
        lock (_gate)
        {
            if (reading.MaxCelsius is { } celsius && (_maxCelsius is null || celsius > _maxCelsius)) _maxCelsius = celsius;
            if (reading.Throttled is { } throttled) _throttled = (_throttled ?? false) || throttled;
            if (reading.Throttled == true && _detail is null) _detail = reading.Detail;
        }
    }
}
