namespace QSLM.Sensors.Board.Ina219;

/// <summary>The six 16-bit registers of the INA219 (TI SBOS448, Table 2).</summary>
public enum Ina219Register : byte
{
    /// <summary>00h: reset, bus range, PGA, bus ADC, shunt ADC, mode. Power-on value 0x399F.</summary>
    Configuration = 0,

    /// <summary>01h: shunt voltage, two's complement, 10 µV per bit.</summary>
    ShuntVoltage = 1,

    /// <summary>02h: bus voltage in bits 15..3 (4 mV per bit), CNVR in bit 1, OVF in bit 0.</summary>
    BusVoltage = 2,

    /// <summary>03h: power, Power_LSB = 20 × Current_LSB. Reading it clears CNVR.</summary>
    Power = 3,

    /// <summary>04h: current, two's complement, Shunt × Cal / 4096.</summary>
    Current = 4,

    /// <summary>05h: calibration; bit 0 is void and reads 0.</summary>
    Calibration = 5,
}

/// <summary>Bit fields of the INA219 registers (SBOS448, Figures 19 and 27).</summary>
public static class Ina219Bits
{
    /// <summary>Power-on value of the configuration register.</summary>
    public const ushort ConfigurationReset = 0x399F;

    /// <summary>Configuration bit 15: reset all registers.</summary>
    public const ushort Reset = 0x8000;

    /// <summary>Bus register bit 1: a conversion finished and its current and power are ready.</summary>
    public const ushort ConversionReady = 0x0002;

    /// <summary>Bus register bit 0: the power or current calculation overflowed.</summary>
    public const ushort MathOverflow = 0x0001;

    /// <summary>Bus voltage: 4 mV per bit of bits 15..3.</summary>
    public const double BusVoltsPerBit = 0.004;

    /// <summary>Shunt voltage: 10 µV per bit.</summary>
    public const double ShuntVoltsPerBit = 10e-6;

    /// <summary>The fixed constant of the calibration equation (SBOS448, Equation 1).</summary>
    public const double CalibrationConstant = 0.04096;
}
