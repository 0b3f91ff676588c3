namespace QSLM.Agent.Simulation;

/// <summary>A board whose hottest zone sits <see cref="CelsiusPerWatt"/> above <see cref="AmbientCelsius"/> per watt drawn.</summary>
/// <param name="AmbientCelsius">Temperature with no power drawn.</param>
/// <param name="CelsiusPerWatt">Rise per watt.</param>
internal sealed record SimulatedThermal(double AmbientCelsius, double CelsiusPerWatt);
