using CsvHelper;
using QSLM.Sensors.Board;

namespace QSLM.Search.Results;

/// <summary>
/// One row of a search's CSV: a candidate and what was measured of it. Board columns stay empty
/// for candidates that were only evaluated on the host; every power or energy figure carries its
/// source (<c>measured:&lt;sensor&gt;</c>, <c>simulated:&lt;model&gt;</c> or <c>estimated:&lt;model&gt;</c>).
/// The lab window columns (<c>energy_ci95_j_per_token</c> to <c>throttled_windows</c>) came later and are optional: a
/// log written before them still reads (they stay empty), and <see cref="AppendOnlyCsv{T}"/> rewrites its header
/// before appending. <c>status</c> stays the last column.
/// </summary>
[CsvRecord]
public sealed partial record CandidateRow
{
    /// <summary>Candidate number, in the order the search first asked for it.</summary>
    [CsvColumn("candidate")] public int Candidate { get; init; }

    /// <summary>baseline, global, sensitivity, block or module.</summary>
    [CsvColumn("tier")] public string Tier { get; init; } = "";

    /// <summary>Precisions in compact form (<see cref="Hierarchy.Precisions.Compact"/>).</summary>
    [CsvColumn("precisions")] public string Precisions { get; init; } = "";

    /// <summary>Exact packed file bytes.</summary>
    [CsvColumn("bytes")] public long Bytes { get; init; }

    /// <summary>1 − bytes / fp32 bytes.</summary>
    [CsvColumn("memory_reduction")] public double MemoryReduction { get; init; }

    /// <summary>accuracy or perplexity.</summary>
    [CsvColumn("metric")] public string Metric { get; init; } = "";

    /// <summary>The metric on the host's fake-quantized model.</summary>
    [CsvColumn("host_value")] public double HostValue { get; init; }

    /// <summary>The metric the board computed on the deployed model, if it ran there.</summary>
    [CsvColumn("board_value")] public double? BoardValue { get; init; }

    /// <summary>Milliseconds per token on the board.</summary>
    [CsvColumn("latency_ms_per_token")] public double? LatencyMs { get; init; }

    /// <summary>Peak resident memory of the agent on the board.</summary>
    [CsvColumn("peak_rss_bytes")] public long? PeakRssBytes { get; init; }

    /// <summary>Mean power while running, watts.</summary>
    [CsvColumn("power_w")] public double? PowerWatts { get; init; }

    /// <summary>Half-width of the power's 95% confidence interval, watts.</summary>
    [CsvColumn("power_ci95_w")] public double? PowerCi95Watts { get; init; }

    /// <summary>Energy per token, joules.</summary>
    [CsvColumn("energy_j_per_token")] public double? EnergyJoulesPerToken { get; init; }

    /// <summary>Where the power and energy figures come from, written as the tag's text; a field that is not a tag is refused on reading.</summary>
    [CsvColumn("power_source")] [CsvConverter(typeof(SourceTagCsvConverter))] public SourceTag? PowerSource { get; init; }

    /// <summary>Half-width of the energy per token's 95% confidence interval over the windows, joules.</summary>
    [CsvColumn("energy_ci95_j_per_token", Optional = true)] public double? EnergyCi95JoulesPerToken { get; init; }

    /// <summary>The board's idle power, measured in the same run, watts.</summary>
    [CsvColumn("idle_w", Optional = true)] public double? IdleWatts { get; init; }

    /// <summary>Power of the work alone (idle subtracted), watts.</summary>
    [CsvColumn("net_w", Optional = true)] public double? NetWatts { get; init; }

    /// <summary>Energy per token of the work alone (idle subtracted), joules.</summary>
    [CsvColumn("net_j_per_token", Optional = true)] public double? NetJoulesPerToken { get; init; }

    /// <summary>Energy-per-token saving against the fp32 baseline measured in interleaved windows of the same run (1 − E/E₀).</summary>
    [CsvColumn("saving", Optional = true)] public double? Saving { get; init; }

    /// <summary>Half-width of the saving's 95% confidence interval.</summary>
    [CsvColumn("saving_ci95", Optional = true)] public double? SavingCi95 { get; init; }

    /// <summary>Windows measured.</summary>
    [CsvColumn("windows", Optional = true)] public int? Windows { get; init; }

    /// <summary>Length of each window, seconds.</summary>
    [CsvColumn("window_s", Optional = true)] public double? WindowSeconds { get; init; }

    /// <summary>True when the windows were shorter or fewer than the lab rules (quick mode, for tests and
    /// demonstrations); empty for a row without a board measurement.</summary>
    [CsvColumn("quick", Optional = true)] public bool? Quick { get; init; }

    /// <summary>Windows that stayed throttled after being repeated.</summary>
    [CsvColumn("throttled_windows", Optional = true)] public int? ThrottledWindows { get; init; }

    /// <summary>The objective J.</summary>
    [CsvColumn("objective")] public double Objective { get; init; }

    /// <summary>Whether it meets constA and constM (and ran on the board where it was deployed).</summary>
    [CsvColumn("feasible")] public bool Feasible { get; init; }

    /// <summary>host-only, measured, or failed:infrastructure / failed:candidate with the reason.</summary>
    [CsvColumn("status")] public string Status { get; init; } = "";
}
