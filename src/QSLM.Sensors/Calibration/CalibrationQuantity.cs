namespace QSLM.Sensors.Calibration;

/// <summary>What a calibration record corrects.</summary>
public enum CalibrationQuantity
{
    /// <summary>The current (amperes): the shunt measurement; power is recomputed as V × I.</summary>
    Current,

    /// <summary>The power (watts) of a source that reports only power (a Jetson rail, RAPL, nvidia-smi).</summary>
    Power,
}
