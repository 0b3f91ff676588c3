namespace QSLM.Reports.Plots;

/// <summary>A search candidate as the plots draw it: plain figures, whatever read them.</summary>
/// <param name="Candidate">Its number in the run.</param>
/// <param name="Tier"><c>baseline</c>, <c>global</c>, <c>block</c> or <c>module</c>.</param>
/// <param name="Bytes">Its packed size.</param>
/// <param name="MemoryReduction">Its memory reduction against fp32 (0.75 for 75%).</param>
/// <param name="HostValue">Its metric on the host: accuracy as a fraction, or perplexity.</param>
/// <param name="Feasible">Whether it meets the search's constraints.</param>
/// <param name="PowerWatts">Its power on a board, when measured or estimated.</param>
/// <param name="PowerSource">The tag its power carries (<c>measured:</c>, <c>simulated:</c>, <c>estimated:</c>).</param>
public sealed record SearchPoint(int Candidate, string Tier, long Bytes, double MemoryReduction, double HostValue, bool Feasible, double? PowerWatts = null, string? PowerSource = null);

/// <summary>One sensitivity measurement: one unit (a block or a module) lowered from fp32 to one precision, the
/// rest at fp32, scored on the sensitivity slice.</summary>
/// <param name="Unit">The block or module (<c>blocks.3</c>, <c>blocks.3.att.key</c>).</param>
/// <param name="Precision">The precision it was lowered to (<c>int4</c>).</param>
/// <param name="HostValue">The metric on the sensitivity slice.</param>
public sealed record SensitivityPoint(string Unit, string Precision, double HostValue);

/// <summary>What a search's figures are drawn from.</summary>
/// <param name="Candidates">Every candidate that competes (sensitivity measurements apart).</param>
/// <param name="Front">The Pareto front of size against the metric, smallest first.</param>
/// <param name="Chosen">The candidate the report marks as chosen.</param>
/// <param name="IsPerplexity">Whether the metric is perplexity (lower is better) rather than accuracy.</param>
/// <param name="Sensitivity">The sensitivity measurements, one unit lowered each.</param>
/// <param name="SensitivityBaseline">The sensitivity slice's fp32 metric, when measured.</param>
public sealed record SearchPlotData(IReadOnlyList<SearchPoint> Candidates, IReadOnlyList<SearchPoint> Front, SearchPoint Chosen, bool IsPerplexity,
    IReadOnlyList<SensitivityPoint> Sensitivity, double? SensitivityBaseline)
{
    /// <summary>The fp32 baseline, when the run has one.</summary>
    public SearchPoint? Baseline => Candidates.FirstOrDefault(c => c.Tier == "baseline");
}
