namespace QSLM.Sensors.Estimation;

/// <summary>
/// Energy per operation and per byte moved from DRAM, with the source they come from. The model
/// name goes into the <c>estimated:&lt;model&gt;</c> tag.
/// </summary>
public sealed record EnergyConstants(string Model, double AccumulatePicojoules, double MultiplyAccumulatePicojoules, double DramPicojoulesPerByte, string Citation)
{
    /// <summary>
    /// M. Horowitz, "Computing's energy problem (and what we can do about it)", ISSCC 2014, pp. 10–14,
    /// 45 nm at 0.9 V: a 32-bit float add costs 0.9 pJ and a 32-bit float multiply 3.7 pJ, so an
    /// accumulate (AC) is 0.9 pJ and a multiply-accumulate (MAC) 4.6 pJ (the pricing the SpikeGPT paper,
    /// arXiv:2302.13939 Sec. 5, uses); a 64-bit DRAM access costs 1.3–2.6 nJ, of which the lower bound,
    /// 1.3 nJ / 8 bytes = 162.5 pJ per byte, is taken.
    /// </summary>
    public static EnergyConstants Horowitz45nm { get; } = new(
        "horowitz-45nm",
        AccumulatePicojoules: 0.9,
        MultiplyAccumulatePicojoules: 0.9 + 3.7,
        DramPicojoulesPerByte: 1300.0 / 8,
        "M. Horowitz, ISSCC 2014, 45 nm: fp32 add 0.9 pJ, fp32 mult 3.7 pJ (MAC 4.6 pJ), DRAM 1.3 nJ per 64-bit access (162.5 pJ/byte)");
}
