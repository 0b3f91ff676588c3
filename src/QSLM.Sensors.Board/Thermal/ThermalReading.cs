namespace QSLM.Sensors.Board.Thermal;

/// <summary>Temperature and throttle state at one moment.</summary>
/// <param name="MaxCelsius">The hottest readable thermal zone, or null when none is readable.</param>
/// <param name="Throttled">Whether the board reports throttling, a frequency cap or under-voltage now (or since the
/// last reading, for counters), or null when it reports none of these.</param>
/// <param name="Detail">What said so, for the record, or null.</param>
public sealed record ThermalReading(double? MaxCelsius, bool? Throttled, string? Detail);
