using UnitsNet;

namespace QSLM.Sensors.Board.Simulation;

/// <summary>What a simulated shunt monitor sees: the supply voltage and the current through the shunt over time.</summary>
public sealed class SimulatedLoad
{
    private readonly Func<TimeSpan, double> _volts;
    private readonly Func<TimeSpan, double> _amperes;

    private SimulatedLoad(string model, Func<TimeSpan, double> volts, Func<TimeSpan, double> amperes)
    {
        Model = model;
        _volts = volts;
        _amperes = amperes;
    }

    /// <summary>Names the model in <c>simulated:&lt;model&gt;</c> tags.</summary>
    public string Model { get; }

    /// <summary>A constant supply and current (negative: current flowing back into the supply).</summary>
    public static SimulatedLoad Constant(ElectricPotential supply, ElectricCurrent current) =>
        new("constant", _ => supply.Volts, _ => current.Amperes);

    /// <summary>A supply of fixed voltage drawing the power of <paramref name="trace"/>.</summary>
    public static SimulatedLoad FromPowerTrace(ElectricPotential supply, PiecewiseLinearTrace trace, string model = "power-trace")
    {
        var volts = supply.Volts;
        return new(model, _ => volts, t => trace.WattsAt(t) / volts);
    }

    /// <summary>A load switched at run time, for the built-in default board: <paramref name="watts"/> is asked each conversion.</summary>
    public static SimulatedLoad FromFunction(ElectricPotential supply, Func<TimeSpan, double> watts, string model)
    {
        var volts = supply.Volts;
        return new(model, _ => volts, t => watts(t) / volts);
    }

    /// <summary>Supply voltage at <paramref name="t"/>.</summary>
    public ElectricPotential Voltage(TimeSpan t) => ElectricPotential.FromVolts(_volts(t));

    /// <summary>Shunt current at <paramref name="t"/>.</summary>
    public ElectricCurrent Current(TimeSpan t) => ElectricCurrent.FromAmperes(_amperes(t));
}
