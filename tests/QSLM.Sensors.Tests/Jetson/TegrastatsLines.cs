namespace QSLM.Sensors.Tests.Jetson;

/// <summary>Whole tegrastats lines in the forms each JetPack prints (Jetson Linux Developer Guide, "tegrastats Utility"), with their board totals.</summary>
internal static class TegrastatsLines
{
    /// <summary>Jetson Nano, JetPack 4: no timestamp, unitless milliwatts, POM_5V_IN is the total.</summary>
    public const string JetPack4 =
        "RAM 2146/3964MB (lfb 125x4MB) SWAP 0/1982MB (cached 0MB) IRAM 0/252kB(lfb 252kB) CPU [12%@1479,5%@1479,8%@1479,3%@1479] " +
        "EMC_FREQ 0% GR3D_FREQ 0% PLL@29C CPU@32C PMIC@100C GPU@30.5C AO@38.5C thermal@31.25C POM_5V_IN 4122/3107 POM_5V_GPU 0/0 POM_5V_CPU 411/284";

    /// <summary>Orin Nano, JetPack 5: a timestamp, mW, VDD_IN is the total.</summary>
    public const string JetPack5 =
        "11-27-2026 15:00:01 RAM 2150/7620MB (lfb 1247x4MB) SWAP 0/3810MB (cached 0MB) CPU [2%@729,1%@729,0%@729,0%@729,off,off] " +
        "EMC_FREQ 0%@2133 GR3D_FREQ 0%@[305] VIC_FREQ 729 APE 200 CV0@45.3C CPU@47.5C SOC2@46.2C GPU@45.2C tj@47.5C " +
        "VDD_IN 4788mW/4788mW VDD_CPU_GPU_CV 481mW/481mW VDD_SOC 1441mW/1441mW";

    /// <summary>Orin Nano, JetPack 6: lower-case temperatures.</summary>
    public const string JetPack6 =
        "12-05-2026 18:00:00 RAM 1835/7620MB (lfb 2x4MB) SWAP 0/3810MB (cached 0MB) CPU [0%@729,0%@729,0%@729,0%@729,0%@729,0%@729] " +
        "GR3D_FREQ 0% cpu@46.125C soc2@44.343C soc0@45.093C gpu@44.687C tj@46.125C soc1@44.718C VDD_IN 4447mW/4447mW VDD_CPU_GPU_CV 486mW/486mW VDD_SOC 1378mW/1378mW";

    /// <summary>AGX Orin, JetPack 5: no total rail, so the total is the sum (two rails are named NC).</summary>
    public const string AgxOrin =
        "03-05-2026 10:00:00 RAM 3462/30536MB (lfb 5957x4MB) SWAP 0/15268MB (cached 0MB) CPU [1%@729,0%@729,0%@729,0%@729,0%@729,0%@729,0%@729,0%@729,off,off,off,off] " +
        "EMC_FREQ 0%@2133 GR3D_FREQ 0%@[0,0] VIC_FREQ 729 APE 174 CV0@-256C CPU@43.531C Tboard@32C SOC2@39.375C Tdiode@34.25C SOC0@40.281C CV1@-256C GPU@-256C tj@43.531C " +
        "VDD_GPU_SOC 2400mW/2400mW VDD_CPU_CV 400mW/400mW VIN_SYS_5V0 2623mW/2623mW NC 0mW/0mW VDDQ_VDD2_1V8AO 403mW/403mW NC 0mW/0mW";

    /// <summary>JetPack 7: three values per rail, no total rail.</summary>
    public const string JetPack7 =
        "11-27-2026 15:00:02 RAM 9120/125772MB CPU [1%@972,0%@972] GR3D_FREQ 0% cpu@40.1C tj@42C " +
        "VDD_GPU_SOC 5139mW/5139mW/5139mW VDD_CPU_SOC_MSS 2210mW/2100mW/2400mW";

    /// <summary>Each line with its board total in milliwatts.</summary>
    public static TheoryData<string, double> WithTotals => new()
    {
        { JetPack4, 4122 },
        { JetPack5, 4788 },
        { JetPack6, 4447 },
        { AgxOrin, 2400 + 400 + 2623 + 403 },
        { JetPack7, 5139 + 2210 },
    };
}
