using QSLM.Errors;
using QSLM.Sensors.Board;
using QSLM.Sensors.Board.Discovery;
using QSLM.Sensors.Simulation;

namespace QSLM.Sensors.Discovery;

/// <summary>
/// Opens a sensor on the host from a short text: <c>simulated</c> (the built-in default board) or any spec of
/// <see cref="BoardSensorSpec"/>, which the agent parses alike on a board.
/// </summary>
public static class SensorSpec
{
    /// <summary>What the spec names, for help texts.</summary>
    public const string Help = "simulated | " + BoardSensorSpec.Help;

    /// <summary>Opens the sensor <paramref name="spec"/> names; <paramref name="board"/> drives <c>simulated</c>; the board
    /// sources are found by <see cref="SensorDiscovery"/> under <paramref name="root"/> (<c>/</c>; a fake sysfs tree in tests).</summary>
    public static IPowerSensor Open(string spec, TimeProvider clock, SimulatedBoard? board = null, string root = "/") =>
        spec == "simulated" ? (board ?? new SimulatedBoard()).CreateSensor(clock)
        : BoardSensorSpec.Names(spec) ? BoardSensorSpec.Open(spec, clock, root)
        : throw new InputException($"unknown sensor '{spec}'; expected {Help}");
}
