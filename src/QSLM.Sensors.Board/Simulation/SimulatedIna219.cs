using System.Buffers.Binary;
using System.Device.I2c;
using QSLM.Sensors.Board.Ina219;
using QSLM.Sensors.Board.Timing;

namespace QSLM.Sensors.Board.Simulation;

/// <summary>
/// A register-level INA219 (TI SBOS448) on a simulated I2C bus, driven by a <see cref="SimulatedLoad"/>
/// and an injected clock. It keeps all six registers with their datasheet semantics: the power-on
/// configuration 0x399F and the reset bit; conversions timed from the mode and both ADC settings
/// (shunt then bus), the load averaged over the samples of each conversion; shunt clipped to the PGA
/// range, bus to the bus range; Current = Shunt × Cal / 4096 and Power = Current × Bus / 5000 computed
/// only when a calibration is programmed; CNVR set when a result is ready and cleared by reading the
/// power register or writing a new mode; OVF set when the current or power calculation overflows.
/// A sensor reading it is always tagged simulated.
/// </summary>
public sealed class SimulatedIna219 : I2cDevice, ISimulatedDevice
{
    private readonly SimulatedLoad _load;
    private readonly TimeProvider _clock;
    private readonly double _shuntOhms;
    private readonly ushort[] _registers = new ushort[6];
    private readonly Lock _gate = new();
    private byte _pointer;
    private TimeSpan _epoch;
    private long _conversionsDone;

    /// <summary>Creates the device at <paramref name="settings"/> (default bus 1, address 0x40) with a physical shunt of <paramref name="shuntOhms"/>.</summary>
    public SimulatedIna219(SimulatedLoad load, TimeProvider clock, double shuntOhms = 0.1, I2cConnectionSettings? settings = null)
    {
        _load = load;
        _clock = clock;
        _shuntOhms = shuntOhms;
        ConnectionSettings = settings ?? new I2cConnectionSettings(1, 0x40);
        PowerOnReset();
    }

    /// <inheritdoc />
    public override I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>The load's model name.</summary>
    public string Model => _load.Model;

    /// <summary>Writes to the calibration register so far (a driver should write it once, not per read).</summary>
    public int CalibrationWrites { get; private set; }

    /// <summary>Register transactions so far (pointer writes, reads, writes).</summary>
    public int Transactions { get; private set; }

    /// <summary>A register as the device holds it now (for tests; conversions due by now are applied first).</summary>
    public ushort Peek(Ina219Register register)
    {
        lock (_gate)
        {
            Update();
            return _registers[(int)register];
        }
    }

    /// <inheritdoc />
    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    /// <inheritdoc />
    public override void Read(Span<byte> buffer)
    {
        lock (_gate)
        {
            Transactions++;
            Update();
            var value = _registers[_pointer];
            if (_pointer == (byte)Ina219Register.Power) _registers[(int)Ina219Register.BusVoltage] &= unchecked((ushort)~Ina219Bits.ConversionReady);
            Span<byte> word = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(word, value);
            for (var i = 0; i < buffer.Length; i++) buffer[i] = word[i % 2];
        }
    }

    /// <inheritdoc />
    public override void WriteByte(byte value) => Write([value]);

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length == 0) return;
        lock (_gate)
        {
            Transactions++;
            Update();
            if (buffer[0] > (byte)Ina219Register.Calibration) throw new IOException($"INA219 has no register {buffer[0]:X2}h (simulated NACK)");
            _pointer = buffer[0];
            if (buffer.Length >= 3) WriteRegister((Ina219Register)_pointer, BinaryPrimitives.ReadUInt16BigEndian(buffer[1..3]));
        }
    }

    /// <inheritdoc />
    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    private void WriteRegister(Ina219Register register, ushort value)
    {
        switch (register)
        {
            case Ina219Register.Configuration when (value & Ina219Bits.Reset) != 0:
                PowerOnReset();
                break;
            case Ina219Register.Configuration:
                _registers[0] = value;
                StartConversions(clearReady: (value & 0b111) is not (0 or 4));
                break;
            case Ina219Register.Calibration:
                CalibrationWrites++;
                _registers[5] = (ushort)(value & 0xFFFE);
                break;
            default:
                break; // 01h..04h are read-only
        }
    }

    private void PowerOnReset()
    {
        Array.Clear(_registers);
        _registers[0] = Ina219Bits.ConfigurationReset;
        _pointer = 0;
        StartConversions(clearReady: true);
    }

    private void StartConversions(bool clearReady)
    {
        _epoch = SensorClock.Now(_clock);
        _conversionsDone = 0;
        if (clearReady) _registers[2] &= unchecked((ushort)~Ina219Bits.ConversionReady);
    }

    private Ina219Mode Mode => (Ina219Mode)(_registers[0] & 0b111);

    private TimeSpan Cycle => Ina219AdcTiming.CycleTime(Mode, (_registers[0] >> 7) & 0xF, (_registers[0] >> 3) & 0xF);

    /// <summary>Applies every conversion that has completed by now; only the last one's result survives, as in the device.</summary>
    private void Update()
    {
        var mode = Mode;
        if (mode is Ina219Mode.PowerDown or Ina219Mode.AdcOff) return;
        var cycle = Cycle;
        var elapsed = SensorClock.Now(_clock) - _epoch;
        var completed = elapsed.Ticks / cycle.Ticks;
        if (!mode.IsContinuous()) completed = Math.Min(completed, 1);
        if (completed <= _conversionsDone) return;
        _conversionsDone = completed;
        var end = _epoch + cycle * completed;
        Convert(mode, end - cycle, end);
    }

    private void Convert(Ina219Mode mode, TimeSpan start, TimeSpan end)
    {
        var config = _registers[0];
        var pga = (Ina219Pga)((config >> 11) & 0b11);
        var busRange = (Ina219BusRange)((config >> 13) & 1);
        var shuntCode = (config >> 3) & 0xF;
        var busCode = (config >> 7) & 0xF;
        var shuntTime = mode.MeasuresShunt() ? Ina219AdcTiming.ConversionTime(shuntCode) : TimeSpan.Zero;

        if (mode.MeasuresShunt())
        {
            var amps = Average(t => _load.Current(t).Amperes, start, start + shuntTime, Ina219AdcTiming.Samples(shuntCode));
            var counts = Math.Round(amps * _shuntOhms / Ina219Bits.ShuntVoltsPerBit, MidpointRounding.AwayFromZero);
            var limit = pga.FullScaleCounts();
            _registers[1] = unchecked((ushort)(short)Math.Clamp(counts, -limit, limit));
        }
        if (mode.MeasuresBus())
        {
            var volts = Average(t => _load.Voltage(t).Volts, start + shuntTime, end, Ina219AdcTiming.Samples(busCode));
            var counts = (int)Math.Clamp(Math.Round(volts / Ina219Bits.BusVoltsPerBit), 0, Math.Min(8191, busRange.FullScaleVolts() / Ina219Bits.BusVoltsPerBit));
            _registers[2] = (ushort)((counts << 3) | (_registers[2] & Ina219Bits.ConversionReady));
        }

        var overflow = false;
        var cal = _registers[5];
        if (cal == 0)
        {
            _registers[3] = 0;
            _registers[4] = 0;
        }
        else
        {
            var current = (long)(short)_registers[1] * cal / 4096;
            var busCounts = _registers[2] >> 3;
            var power = Math.Abs(current) * busCounts / 5000;
            overflow = current is > short.MaxValue or < short.MinValue || power > ushort.MaxValue;
            _registers[4] = unchecked((ushort)(short)Math.Clamp(current, short.MinValue, short.MaxValue));
            _registers[3] = (ushort)Math.Min(power, ushort.MaxValue);
        }
        _registers[2] = (ushort)((_registers[2] & 0xFFF8) | Ina219Bits.ConversionReady | (overflow ? Ina219Bits.MathOverflow : 0));
    }

    private static double Average(Func<TimeSpan, double> signal, TimeSpan from, TimeSpan to, int samples)
    {
        var step = (to - from) / samples;
        var sum = 0.0;
        for (var i = 0; i < samples; i++) sum += signal(from + step * (i + 0.5));
        return sum / samples;
    }
}
