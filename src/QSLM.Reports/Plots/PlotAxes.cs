using QSLM.Search.Results;

namespace QSLM.Cli.Reports;

/// <summary>What a report's x axis shows.</summary>
internal enum SizeAxis
{
    /// <summary>The packed file in MB (10^6 bytes).</summary>
    Bytes,

    /// <summary>The memory reduction against fp32, in %.</summary>
    Reduction,
}

/// <summary>How a row maps to the plots' axes and how they are labelled.</summary>
internal static class PlotAxes
{
    public static double X(CandidateRow row, SizeAxis axis) => axis == SizeAxis.Bytes ? row.Bytes / 1e6 : row.MemoryReduction * 100;

    public static string XLabel(SizeAxis axis) => axis == SizeAxis.Bytes ? "packed size (MB)" : "memory reduction against fp32 (%)";

    /// <summary>Accuracy in %, perplexity as is (the host's value, which every candidate has).</summary>
    public static double Y(CandidateRow row) => row.Metric == "perplexity" ? row.HostValue : row.HostValue * 100;

    public static string YLabel(bool perplexity) => perplexity ? "perplexity (host; lower is better)" : "accuracy (% on the host; higher is better)";
}
