using System.Buffers.Binary;
using System.Device.I2c;
using System.Globalization;
using QSLM.Sensors.Board.Discovery;
using QSLM.Sensors.Board.Timing;
using UnitsNet;

namespace QSLM.Sensors.Board.Ina236;

/// <summary>
/// A TI INA236 (SBOSA21) with this project's own register access over <see cref="I2cDevice"/>: the device is reset
/// and its id checked, the calibration is written once (Cal = 0.00512 / (Current_LSB × R_shunt), Equation 3, with
/// Current_LSB twice the minimum of Equation 2 so the truncated register value stays in range), and each
/// <see cref="ReadAsync"/> reads the current (signed), bus voltage (1.6 mV per bit) and power (32 × Current_LSB per bit,
/// a magnitude). Tagged <c>measured:ina236-&lt;bus&gt;-0x&lt;address&gt;</c> unless another source is given.
/// </summary>
public sealed class Ina236Sensor : IPowerSensor
{
    /// <summary>Bits 15..4 of the device id register of every INA236.</summary>
    public const ushort DeviceId = 0xA080;

    private const ushort Reset = 0x8000;
    private const double CalibrationConstant = 0.00512;
    private const double BusVoltsPerBit = 0.0016;
    private const double PowerLsbPerCurrentLsb = 32;

    private readonly I2cDevice _device;
    private readonly TimeProvider _clock;
    private readonly double _currentLsb;

    /// <summary>Resets the INA236 on <paramref name="device"/>, checks its id and programs the calibration.</summary>
    /// <exception cref="InvalidOperationException">The device id is not an INA236's, or the shunt and maximum current
    /// need a calibration beyond the 16-bit register.</exception>
    public Ina236Sensor(I2cDevice device, ElectricResistance shunt, ElectricCurrent maxCurrent, TimeProvider clock, SourceTag? source = null)
    {
        if (shunt.Ohms <= 0) throw new ArgumentOutOfRangeException(nameof(shunt), "the INA236 shunt resistance must be positive");
        if (maxCurrent.Amperes <= 0) throw new ArgumentOutOfRangeException(nameof(maxCurrent), "the INA236 maximum current must be positive");
        var address = device.ConnectionSettings;
        Id = SensorIds.I2cId("ina236", address.BusId, address.DeviceAddress);
        Source = source ?? (device is ISimulatedDevice simulated ? SourceTag.Simulated("ina236-" + simulated.Model) : SourceTag.Measured(Id));
        _device = device;
        _clock = clock;

        WriteRegister(Ina236Register.Configuration, Reset);
        var id = ReadRegister(Ina236Register.DeviceId);
        if ((id & 0xFFF0) != DeviceId)
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"the device at I2C address 0x{address.DeviceAddress:x2} on bus {address.BusId} is not an INA236: device id {id:X4}, expected {DeviceId:X4}"));
        var minimumLsb = maxCurrent.Amperes / 32768 * 2;
        var calibration = Math.Truncate(CalibrationConstant / (minimumLsb * shunt.Ohms));
        if (calibration is < 1 or > 0xFFFF)
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"INA236 calibration {calibration} is outside 1..65535 for a {shunt.Ohms} Ω shunt and {maxCurrent.Amperes} A maximum"));
        _currentLsb = CalibrationConstant / shunt.Ohms / calibration;
        WriteRegister(Ina236Register.Calibration, (ushort)calibration);
    }

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public SourceTag Source { get; }

    /// <summary>The power-on conversion: 1.1 ms bus plus 1.1 ms shunt, no averaging.</summary>
    public TimeSpan MinimumInterval { get; } = TimeSpan.FromMicroseconds(2200);

    /// <inheritdoc />
    public ValueTask<PowerReading> ReadAsync(CancellationToken cancel = default) => ValueTask.FromResult(Read());

    private PowerReading Read()
    {
        var amperes = (short)ReadRegister(Ina236Register.Current) * _currentLsb;
        var volts = ReadRegister(Ina236Register.BusVoltage) * BusVoltsPerBit;
        var watts = ReadRegister(Ina236Register.Power) * PowerLsbPerCurrentLsb * _currentLsb;
        return new PowerReading
        {
            Timestamp = SensorClock.Now(_clock),
            // The power register holds a magnitude; the current's sign gives the direction.
            Power = Power.FromWatts(Math.CopySign(watts, amperes)),
            Current = ElectricCurrent.FromAmperes(amperes),
            Voltage = ElectricPotential.FromVolts(volts),
            Source = Source,
        };
    }

    /// <summary>Reads one register: the pointer write and the 2-byte read as one combined transaction.</summary>
    public ushort ReadRegister(Ina236Register register)
    {
        Span<byte> pointer = [(byte)register];
        Span<byte> value = stackalloc byte[2];
        _device.WriteRead(pointer, value);
        return BinaryPrimitives.ReadUInt16BigEndian(value);
    }

    private void WriteRegister(Ina236Register register, ushort value)
    {
        Span<byte> buffer = stackalloc byte[3];
        buffer[0] = (byte)register;
        BinaryPrimitives.WriteUInt16BigEndian(buffer[1..], value);
        _device.Write(buffer);
    }

    /// <inheritdoc />
    public void Dispose() => _device.Dispose();
}
