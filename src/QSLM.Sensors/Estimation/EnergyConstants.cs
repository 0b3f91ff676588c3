namespace QSLM.Sensors.Estimation;

/// <summary>
/// Energy per operation and per byte moved from DRAM, with the source they come from. The model
/// name goes into the <c>estimated:&lt;model&gt;</c> tag.
/// </summary>
public sealed record EnergyConstants(string Model, double AccumulatePicojoules, double MultiplyAccumulatePicojoules, double DramPicojoulesPerByte, string Citation)
{
    /// <summary>An integer multiply-accumulate of an A8 product: an 8-bit multiply into a 32-bit integer add.
    /// Defaults to the float MAC's price (an estimate that knows no cheaper one).</summary>
    public double IntegerMultiplyAccumulatePicojoules { get; init; } = MultiplyAccumulatePicojoules;

    /// <summary>Scaling one group of an A8 product's integer sum back to float: two float multiplies and an
    /// add. Defaults to two float MACs.</summary>
    public double GroupScalingPicojoules { get; init; } = 2 * MultiplyAccumulatePicojoules;

    /// <summary>
    /// M. Horowitz, "Computing's energy problem (and what we can do about it)", ISSCC 2014, pp. 10–14,
    /// 45 nm at 0.9 V: a 32-bit float add costs 0.9 pJ and a 32-bit float multiply 3.7 pJ, so an
    /// accumulate (AC) is 0.9 pJ and a multiply-accumulate (MAC) 4.6 pJ (the pricing the SpikeGPT paper,
    /// arXiv:2302.13939 Sec. 5, uses); a 64-bit DRAM access costs 1.3–2.6 nJ, of which the lower bound,
    /// 1.3 nJ / 8 bytes = 162.5 pJ per byte, is taken. By operand width, from the same table: an 8-bit
    /// integer multiply costs 0.2 pJ and a 32-bit integer add 0.1 pJ (an 8-bit one 0.03 pJ), so an
    /// integer-activation MAC, whose products are summed in 32 bits, is 0.3 pJ, fifteen times below the
    /// float MAC; scaling a group's sum back (two float multiplies and a float add) is 8.3 pJ per group.
    /// </summary>
    public static EnergyConstants Horowitz45nm { get; } = new(
        "horowitz-45nm",
        AccumulatePicojoules: 0.9,
        MultiplyAccumulatePicojoules: 0.9 + 3.7,
        DramPicojoulesPerByte: 1300.0 / 8,
        "M. Horowitz, ISSCC 2014, 45 nm: fp32 add 0.9 pJ, fp32 mult 3.7 pJ (MAC 4.6 pJ), int8 mult 0.2 pJ and int32 add 0.1 pJ (integer MAC 0.3 pJ), DRAM 1.3 nJ per 64-bit access (162.5 pJ/byte)")
    {
        IntegerMultiplyAccumulatePicojoules = 0.2 + 0.1,
        GroupScalingPicojoules = 3.7 + 3.7 + 0.9,
    };
}
