namespace QSLM.Sensors.Board.Ina236;

/// <summary>The INA236 registers this driver uses (TI SBOSA21, Table 7-2).</summary>
public enum Ina236Register : byte
{
    /// <summary>00h: reset (bit 15), ADC range, averaging, conversion times, mode.</summary>
    Configuration = 0x00,

    /// <summary>01h: shunt voltage, two's complement.</summary>
    ShuntVoltage = 0x01,

    /// <summary>02h: bus voltage, 1.6 mV per bit.</summary>
    BusVoltage = 0x02,

    /// <summary>03h: power, 32 × Current_LSB per bit, a magnitude.</summary>
    Power = 0x03,

    /// <summary>04h: current, two's complement, Current_LSB per bit.</summary>
    Current = 0x04,

    /// <summary>05h: calibration, Cal = 0.00512 / (Current_LSB × R_shunt) (Equation 3).</summary>
    Calibration = 0x05,

    /// <summary>3Fh: device id; bits 15..4 read 0xA08.</summary>
    DeviceId = 0x3F,
}
