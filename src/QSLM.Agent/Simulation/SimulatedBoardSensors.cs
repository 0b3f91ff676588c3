using System.Device.I2c;
using QSLM.Agent.Sensors;
using QSLM.Errors;
using QSLM.Protocol.Messages;
using QSLM.Sensors.Board;
using QSLM.Sensors.Board.Discovery;
using QSLM.Sensors.Board.Simulation;
using UnitsNet;

namespace QSLM.Agent.Simulation;

/// <summary>
/// The sensors the agent offers while it simulates a board: only the simulated kind's own (the fake tree's Jetson
/// rails, the PMIC, the INA219 on the simulated bus), opened by the same readers and specs as on a real board and
/// tagged <c>simulated:&lt;model&gt;</c>. Any other spec is refused, so nothing of the machine the agent really runs on
/// is ever reported as simulated.
/// </summary>
internal static class SimulatedBoardSensors
{
    /// <summary>The INA219's place on the simulated bus.</summary>
    public static readonly I2cConnectionSettings Ina219Address = new(1, 0x40);

    private static readonly ElectricPotential Supply = ElectricPotential.FromVolts(5);

    /// <summary>Sets up <paramref name="simulation"/>'s sensors (writing the fake tree under <paramref name="root"/> for a Jetson).</summary>
    public static OnboardSensors Create(BoardSimulation simulation, string root)
    {
        var board = simulation.Board;
        var model = board.Model;
        Func<string, IPowerSensor> open;
        List<OnboardSensor> announced;
        switch (board.Kind)
        {
            case SimulatedBoardKinds.JetsonIna3221:
                var tree = FakeJetsonTree.Create(root, board.IdleWatts, board.UpdateIntervalMs);
                simulation.Ticked += tree.Update;
                // Programs on $PATH belong to the real machine: the simulated board has none.
                announced = OnboardSensors.Find(root, path: "").Where(s => s.Info.Name.StartsWith("jetson", StringComparison.Ordinal)).ToList();
                open = spec => Only(spec, "jetson", model, () => BoardSensorSpec.Open(spec, TimeProvider.System, root));
                break;
            case SimulatedBoardKinds.Pi5Pmic:
                var buses = new BoardBuses(ReadPmicAdc: () => SimulatedPmic.Output(simulation.Watts, board.IdleWatts));
                announced = [new OnboardSensor(Info(SensorIds.PmicSpec, model), () => simulation.Watts)];
                open = spec => Only(spec, SensorIds.PmicSpec, model, () => BoardSensorSpec.Open(spec, TimeProvider.System, root, buses));
                break;
            default:
                var load = SimulatedLoad.FromFunction(Supply, _ => simulation.Watts, model);
                var bus = new BoardBuses(OpenI2c: (address, spec) => address.BusId == Ina219Address.BusId && address.DeviceAddress == Ina219Address.DeviceAddress
                    ? new SimulatedIna219(load, TimeProvider.System, settings: Ina219Address)
                    : throw new InputException($"sensor '{spec}': the simulated board {model} has only an INA219 on I2C bus 1 at 0x40"));
                announced = [new OnboardSensor(Info("ina219:1:0x40", model), () => simulation.Watts)];
                open = spec => Only(spec, "ina2", model, () => BoardSensorSpec.Open(spec, TimeProvider.System, root, bus));
                break;
        }
        var tagged = announced.Select(s => s with { Info = s.Info with { Source = SourceTag.Simulated(model) } }).ToList();
        return new OnboardSensors(tagged, open, simulation.Thermal);
    }

    private static SensorInfo Info(string spec, string model) => new(spec, "power", "W", SourceTag.Simulated(model));

    private static SimulatedSensor Only(string spec, string prefix, string model, Func<IPowerSensor> open) =>
        spec.StartsWith(prefix, StringComparison.Ordinal)
            ? new SimulatedSensor(open(), model)
            : throw new InputException($"the simulated board {model} has no sensor '{spec}'");
}
