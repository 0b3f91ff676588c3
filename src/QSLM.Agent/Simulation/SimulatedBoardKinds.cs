namespace QSLM.Agent.Simulation;

/// <summary>The kinds of simulated board.</summary>
internal static class SimulatedBoardKinds
{
    /// <summary>A fake JetPack 5/6 ina3221 hwmon tree under the sensor root (rails VDD_IN, VDD_CPU_GPU_CV, VDD_SOC).</summary>
    public const string JetsonIna3221 = "jetson-ina3221";

    /// <summary>A Raspberry Pi 5 PMIC: the text of <c>vcgencmd pmic_read_adc</c>, served in process.</summary>
    public const string Pi5Pmic = "pi5-pmic";

    /// <summary>A register-level INA219 on a simulated I2C bus 1 at 0x40, in process.</summary>
    public const string Ina219 = "ina219";

    /// <summary>Every kind.</summary>
    public static IReadOnlyList<string> All { get; } = [JetsonIna3221, Pi5Pmic, Ina219];
}
