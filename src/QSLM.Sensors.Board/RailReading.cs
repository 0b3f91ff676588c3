using UnitsNet;

namespace QSLM.Sensors.Board;

/// <summary>One named supply rail of a multi-rail sensor (a Jetson INA3221 channel, a Pi 5 PMIC rail).
/// A quantity the source does not report is null, never zero.</summary>
public sealed record RailReading(string Name, Power? Power, ElectricCurrent? Current = null, ElectricPotential? Voltage = null);
