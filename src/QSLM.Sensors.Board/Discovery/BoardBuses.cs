using System.Device.I2c;

namespace QSLM.Sensors.Board.Discovery;

/// <summary>
/// How <see cref="BoardSensorSpec"/> reaches the devices that are not files under the sensor root: the I2C buses
/// (<c>/dev/i2c-N</c> through <see cref="I2cDevice.Create"/>) and <c>vcgencmd pmic_read_adc</c>. A simulated board
/// replaces both in process, since a file under a fake root cannot take I2C ioctls.
/// </summary>
/// <param name="OpenI2c">Opens the device at an address (the spec is given for messages), or null for the board's
/// own <c>/dev/i2c-N</c>; throws <see cref="QSLM.Errors.InputException"/> when nothing answers there.</param>
/// <param name="ReadPmicAdc">The text of <c>vcgencmd pmic_read_adc</c>, or null to run the program.</param>
public sealed record BoardBuses(Func<I2cConnectionSettings, string, I2cDevice>? OpenI2c = null, Func<string>? ReadPmicAdc = null)
{
    /// <summary>The board's own buses and programs.</summary>
    public static BoardBuses Real { get; } = new();
}
