namespace QSLM.Sensors.Calibration;

/// <summary>One point of a two-point calibration: what the sensor read and what the reference instrument read at the same load.</summary>
public sealed record CalibrationPoint(double Measured, double Reference);
