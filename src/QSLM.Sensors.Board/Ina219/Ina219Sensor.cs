using System.Buffers.Binary;
using System.Device.I2c;
using System.Globalization;
using QSLM.Sensors.Board.Discovery;
using QSLM.Sensors.Board.Timing;
using UnitsNet;

namespace QSLM.Sensors.Board.Ina219;

/// <summary>
/// An INA219 (TI SBOS448) read over System.Device.I2c with this project's own register access,
/// because the Iot.Device.Bindings 4.2.0 driver treats shunt voltage and current as unsigned, misreads
/// bus voltages at and above 16.384 V, writes the bus-ADC bits from its shunt-ADC setter, rewrites the
/// calibration on every read and sleeps a fixed time instead of polling the conversion-ready bit.
/// Here the configuration and calibration are written once; each <see cref="ReadAsync"/> polls CNVR in the
/// bus register, reads shunt, current and power (reading power clears CNVR), and marks the sample
/// invalid on OVF or a shunt voltage at the PGA limit.
/// </summary>
public sealed class Ina219Sensor : IPowerSensor
{
    private readonly I2cDevice _device;
    private readonly TimeProvider _clock;
    private readonly bool _ownsDevice;
    private readonly double _currentLsb;
    private readonly double _powerLsb;
    private readonly int _shuntLimit;

    /// <summary>Programs the device with <paramref name="settings"/>. A device that is an <see cref="ISimulatedDevice"/> is tagged <c>simulated:</c>, anything else <c>measured:</c>.</summary>
    public Ina219Sensor(I2cDevice device, Ina219Settings settings, TimeProvider clock, string? id = null, bool ownsDevice = true)
    {
        settings.Validate();
        _device = device;
        _clock = clock;
        _ownsDevice = ownsDevice;
        Settings = settings;
        _currentLsb = settings.CurrentLsb.Amperes;
        _powerLsb = (double)settings.PowerLsb.Watts;
        _shuntLimit = settings.Pga.FullScaleCounts();
        var address = device.ConnectionSettings;
        // A simulated device gets its own id, so that a real sensor's calibration record never applies to it.
        Id = id ?? (device is ISimulatedDevice ? "sim-" : "") + SensorIds.I2cId("ina219", address.BusId, address.DeviceAddress);
        Source = device is ISimulatedDevice simulated ? SourceTag.Simulated($"ina219-{simulated.Model}") : SourceTag.Measured(Id);
        Initialize();
    }

    /// <summary>The programmed settings.</summary>
    public Ina219Settings Settings { get; }

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public SourceTag Source { get; }

    /// <inheritdoc />
    public TimeSpan MinimumInterval => Settings.CycleTime;

    /// <summary>Resets the device and writes configuration and calibration; call again after the board lost power.</summary>
    public void Initialize()
    {
        WriteRegister(Ina219Register.Configuration, Ina219Bits.Reset);
        WriteRegister(Ina219Register.Calibration, Settings.CalibrationRegister);
        WriteRegister(Ina219Register.Configuration, Settings.ConfigurationRegister);
    }

    /// <inheritdoc />
    public async ValueTask<PowerReading> ReadAsync(CancellationToken cancel = default)
    {
        if (!Settings.Mode.IsContinuous()) WriteRegister(Ina219Register.Configuration, Settings.ConfigurationRegister);
        var cycle = Settings.CycleTime;
        var poll = TimeSpan.FromTicks(Math.Max(cycle.Ticks / 16, 100));
        var deadline = SensorClock.Now(_clock) + cycle * 2 + TimeSpan.FromMilliseconds(1);
        ushort bus;
        while (((bus = ReadRegister(Ina219Register.BusVoltage)) & Ina219Bits.ConversionReady) == 0)
        {
            if (SensorClock.Now(_clock) > deadline)
                return PowerReading.Invalid(SensorClock.Now(_clock), Source, "no conversion ready (CNVR) within two conversion times");
            await SensorClock.WaitAsync(_clock, poll, cancel).ConfigureAwait(false);
        }
        var shunt = (short)ReadRegister(Ina219Register.ShuntVoltage);
        var current = (short)ReadRegister(Ina219Register.Current);
        var power = ReadRegister(Ina219Register.Power);
        var timestamp = SensorClock.Now(_clock);

        var amperes = current * _currentLsb;
        var reading = new PowerReading
        {
            Timestamp = timestamp,
            // The power register holds a magnitude; the current's sign says which way the power flows.
            Power = Power.FromWatts(Math.CopySign(power * _powerLsb, amperes)),
            Current = ElectricCurrent.FromAmperes(amperes),
            Voltage = ElectricPotential.FromVolts((bus >> 3) * Ina219Bits.BusVoltsPerBit),
            Source = Source,
        };
        if ((bus & Ina219Bits.MathOverflow) != 0) return reading with { IsValid = false, Problem = "INA219 math overflow (OVF): current or power out of range" };
        if (Settings.BusRange == Ina219BusRange.Range16V && (bus >> 3) * Ina219Bits.BusVoltsPerBit >= 16.0)
            return reading with { IsValid = false, Problem = "INA219 bus voltage at the 16 V range limit; use the 32 V range" };
        if (Math.Abs((int)shunt) >= _shuntLimit)
            return reading with { IsValid = false, Problem = string.Create(CultureInfo.InvariantCulture, $"INA219 shunt voltage at the PGA limit ±{Settings.Pga.FullScaleVolts() * 1000:F0} mV") };
        return reading;
    }

    /// <summary>Shunt voltage, signed (10 µV per bit), without waiting for a conversion.</summary>
    public ElectricPotential ReadShuntVoltage() => ElectricPotential.FromVolts((short)ReadRegister(Ina219Register.ShuntVoltage) * Ina219Bits.ShuntVoltsPerBit);

    /// <summary>Reads one register: the pointer write and the 2-byte read as one combined transaction.</summary>
    public ushort ReadRegister(Ina219Register register)
    {
        Span<byte> pointer = [(byte)register];
        Span<byte> value = stackalloc byte[2];
        _device.WriteRead(pointer, value);
        return BinaryPrimitives.ReadUInt16BigEndian(value);
    }

    private void WriteRegister(Ina219Register register, ushort value)
    {
        Span<byte> buffer = stackalloc byte[3];
        buffer[0] = (byte)register;
        BinaryPrimitives.WriteUInt16BigEndian(buffer[1..], value);
        _device.Write(buffer);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsDevice) _device.Dispose();
    }
}
