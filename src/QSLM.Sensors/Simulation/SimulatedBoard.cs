using QSLM.Sensors.Board.Ina219;
using QSLM.Sensors.Board.Simulation;
using UnitsNet;

namespace QSLM.Sensors.Simulation;

/// <summary>
/// The built-in default board's power: a simulated INA219 on a 5.1 V supply feeding a board modelled
/// as drawing <see cref="IdleWatts"/> when idle and <see cref="BusyWatts"/> while working, with a small
/// deterministic ripple. The defaults (2.7 W idle, 4.9 W busy: a Raspberry-Pi-4-class board) are model
/// parameters, not measurements, and every reading is tagged <c>simulated:ina219-default-board</c>.
/// </summary>
public sealed class SimulatedBoard
{
    private double _watts;

    /// <summary>Creates the board at idle.</summary>
    public SimulatedBoard(double idleWatts = 2.7, double busyWatts = 4.9)
    {
        IdleWatts = idleWatts;
        BusyWatts = busyWatts;
        _watts = idleWatts;
    }

    /// <summary>Idle draw of the model.</summary>
    public double IdleWatts { get; }

    /// <summary>Draw of the model while working.</summary>
    public double BusyWatts { get; }

    /// <summary>Whether the board is working.</summary>
    public bool Busy
    {
        get;
        set
        {
            field = value;
            _watts = value ? BusyWatts : IdleWatts;
        }
    }

    /// <summary>Sets an arbitrary draw (a calibration walkthrough's low and high loads).</summary>
    public void SetWatts(double watts) => _watts = watts;

    /// <summary>Power at <paramref name="t"/>: the level with a ±1% ripple at 50 Hz, as from a switching supply.</summary>
    public double WattsAt(TimeSpan t) => _watts * (1 + 0.01 * Math.Sin(2 * Math.PI * 50 * t.TotalSeconds));

    /// <summary>A sensor on this board, timed by <paramref name="clock"/>.</summary>
    public Ina219Sensor CreateSensor(TimeProvider clock) =>
        new(new SimulatedIna219(SimulatedLoad.FromFunction(ElectricPotential.FromVolts(5.1), WattsAt, "default-board"), clock), new Ina219Settings(), clock);
}
