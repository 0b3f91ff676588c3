using Microsoft.Extensions.Time.Testing;
using QSLM.Sensors.Board.Ina219;
using QSLM.Sensors.Board.Simulation;
using QSLM.Sensors.Tests.Timing;
using UnitsNet;

namespace QSLM.Sensors.Tests.Ina219;

/// <summary>A simulated INA219 on a fake clock with a sensor reading it.</summary>
internal sealed class SimulatedBench : IDisposable
{
    public SimulatedBench(SimulatedLoad load, Ina219Settings? settings = null, double shuntOhms = 0.1)
    {
        Settings = settings ?? new Ina219Settings();
        Device = new SimulatedIna219(load, Clock, shuntOhms);
        Sensor = new Ina219Sensor(Device, Settings, Clock);
    }

    public static SimulatedBench Constant(double volts, double amperes, Ina219Settings? settings = null) =>
        new(SimulatedLoad.Constant(ElectricPotential.FromVolts(volts), ElectricCurrent.FromAmperes(amperes)), settings);

    public FakeTimeProvider Clock { get; } = FakeClocks.Create();

    public Ina219Settings Settings { get; }

    public SimulatedIna219 Device { get; }

    public Ina219Sensor Sensor { get; }

    public void Dispose() => Sensor.Dispose();
}
