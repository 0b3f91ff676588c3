namespace QSLM.Sensors.Board.Jetson;

/// <summary>One Jetson power rail's figures in milliwatts, as tegrastats or the INA3221 driver report them.</summary>
public sealed record RailPower(string Name, double Milliwatts, double? AverageMilliwatts = null, double? Milliamperes = null, double? Millivolts = null);
