namespace QSLM.Sensors.Board.Ina219;

/// <summary>Shunt PGA gain and range, configuration bits 12..11 (SBOS448, Table 4).</summary>
public enum Ina219Pga
{
    /// <summary>Gain 1, ±40 mV.</summary>
    Range40mV = 0,

    /// <summary>Gain /2, ±80 mV.</summary>
    Range80mV = 1,

    /// <summary>Gain /4, ±160 mV.</summary>
    Range160mV = 2,

    /// <summary>Gain /8, ±320 mV (power-on default).</summary>
    Range320mV = 3,
}

/// <summary>Bus voltage full-scale range, configuration bit 13 (SBOS448, Table 3).</summary>
public enum Ina219BusRange
{
    /// <summary>16 V full scale.</summary>
    Range16V = 0,

    /// <summary>32 V full scale (power-on default); needed for a 19 V Jetson supply.</summary>
    Range32V = 1,
}

/// <summary>Operating mode, configuration bits 2..0 (SBOS448, Table 6).</summary>
public enum Ina219Mode
{
    /// <summary>Power-down.</summary>
    PowerDown = 0,

    /// <summary>Shunt voltage, triggered.</summary>
    ShuntTriggered = 1,

    /// <summary>Bus voltage, triggered.</summary>
    BusTriggered = 2,

    /// <summary>Shunt and bus, triggered.</summary>
    ShuntAndBusTriggered = 3,

    /// <summary>ADC off (disabled).</summary>
    AdcOff = 4,

    /// <summary>Shunt voltage, continuous.</summary>
    ShuntContinuous = 5,

    /// <summary>Bus voltage, continuous.</summary>
    BusContinuous = 6,

    /// <summary>Shunt and bus, continuous (power-on default).</summary>
    ShuntAndBusContinuous = 7,
}

/// <summary>Full-scale shunt voltage per PGA setting.</summary>
public static class Ina219PgaRange
{
    /// <summary>The ± full-scale shunt voltage in volts.</summary>
    public static double FullScaleVolts(this Ina219Pga pga) => 0.040 * (1 << (int)pga);

    /// <summary>The ± full-scale shunt register value (10 µV per bit): 4000, 8000, 16000 or 32000.</summary>
    public static int FullScaleCounts(this Ina219Pga pga) => 4000 << (int)pga;

    /// <summary>The bus full-scale voltage.</summary>
    public static double FullScaleVolts(this Ina219BusRange range) => range == Ina219BusRange.Range16V ? 16.0 : 32.0;

    /// <summary>Whether the mode converts continuously.</summary>
    public static bool IsContinuous(this Ina219Mode mode) => mode >= Ina219Mode.ShuntContinuous;

    /// <summary>Whether the mode measures the shunt voltage.</summary>
    public static bool MeasuresShunt(this Ina219Mode mode) => mode is Ina219Mode.ShuntTriggered or Ina219Mode.ShuntAndBusTriggered or Ina219Mode.ShuntContinuous or Ina219Mode.ShuntAndBusContinuous;

    /// <summary>Whether the mode measures the bus voltage.</summary>
    public static bool MeasuresBus(this Ina219Mode mode) => mode is Ina219Mode.BusTriggered or Ina219Mode.ShuntAndBusTriggered or Ina219Mode.BusContinuous or Ina219Mode.ShuntAndBusContinuous;
}
