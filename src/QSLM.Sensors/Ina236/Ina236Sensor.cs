using System.Device.I2c;
using System.Globalization;
using QSLM.Sensors.Timing;
using UnitsNet;
using BindingIna236 = Iot.Device.Adc.Ina236;

namespace QSLM.Sensors.Ina236;

/// <summary>
/// A TI INA236 (SBOSA21) through the Iot.Device.Bindings driver, which reads its current as signed and
/// computes its own calibration (Cal = 0.00512 / (Current_LSB × R_shunt), the binding doubling the
/// minimum LSB): the driver is used as it is. Tagged <c>measured:ina236-&lt;bus&gt;-0x&lt;address&gt;</c>
/// unless another source is given (a simulated device in tests).
/// </summary>
public sealed class Ina236Sensor : IPowerSensor
{
    private readonly BindingIna236 _device;
    private readonly TimeProvider _clock;

    /// <summary>Opens the INA236 on <paramref name="device"/>; the binding resets it and checks its device id.</summary>
    public Ina236Sensor(I2cDevice device, ElectricResistance shunt, ElectricCurrent maxCurrent, TimeProvider clock, SourceTag? source = null)
    {
        var address = device.ConnectionSettings;
        Id = string.Create(CultureInfo.InvariantCulture, $"ina236-{address.BusId}-0x{address.DeviceAddress:x2}");
        Source = source ?? SourceTag.Measured(Id);
        _clock = clock;
        _device = new BindingIna236(device, shunt, maxCurrent);
    }

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public SourceTag Source { get; }

    /// <summary>The binding's default conversion: 1.1 ms bus plus 1.1 ms shunt, no averaging.</summary>
    public TimeSpan MinimumInterval { get; } = TimeSpan.FromMicroseconds(2200);

    /// <inheritdoc />
    public PowerReading Read()
    {
        var current = _device.ReadCurrent();
        var voltage = _device.ReadBusVoltage();
        var power = _device.ReadPower();
        return new PowerReading
        {
            Timestamp = MonotonicTime.Now(_clock),
            // The INA236 power register holds a magnitude; the current's sign gives the direction.
            Power = Power.FromWatts(Math.CopySign((double)power.Watts, current.Amperes)),
            Current = current,
            Voltage = voltage,
            Source = Source,
        };
    }

    /// <inheritdoc />
    public void Dispose() => _device.Dispose();
}
