namespace QSLM.Sensors.Board;

/// <summary>
/// A device that only simulates a chip (a register-level model on a simulated bus). A driver reading one tags
/// its figures <c>simulated:&lt;model&gt;</c>, never <c>measured:</c>, whoever constructed it.
/// </summary>
public interface ISimulatedDevice
{
    /// <summary>The model that drives the device, named in the <c>simulated:</c> tag.</summary>
    string Model { get; }
}
