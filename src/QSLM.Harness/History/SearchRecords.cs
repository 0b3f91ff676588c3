using System.Globalization;
using QSLM.History.Records;
using QSLM.Search.Results;

namespace QSLM.Harness.History;

/// <summary>
/// A search's log rows as the run history holds them, the same way for a search recording as it goes and for an old
/// run folder imported: one candidate record per row of <c>search.csv</c> (a candidate measured on the board has a host
/// row and a board row, as in the log), and one measurement per figure the row has. Candidates are labelled
/// <c>#N</c> by their number in the search (<c>#1</c> is the fp32 baseline); host figures are on board <c>host</c>.
/// </summary>
public static class SearchRecords
{
    /// <summary>The board name of figures taken on the host.</summary>
    public const string Host = "host";

    /// <summary>The label of candidate <paramref name="number"/>.</summary>
    public static string Label(int number) => "#" + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>The candidate record of <paramref name="row"/>.</summary>
    public static CandidateRecord Candidate(CandidateRow row) =>
        new(Label(row.Candidate), null, $"{row.Tier}: {row.Precisions}", row.Status, row.HostValue, row.Bytes, row.Objective);

    /// <summary>Every figure of <paramref name="row"/>: the host's metric for a host row; the board's metric, latency,
    /// memory, and power, energy and saving with their intervals and source tag for a board row.</summary>
    /// <param name="row">The log row.</param>
    /// <param name="board">The board the search measured on, or null for a host-only search.</param>
    public static IEnumerable<MeasurementRecord> Measurements(CandidateRow row, string? board)
    {
        var model = Label(row.Candidate);
        var perplexity = row.Metric == "perplexity";
        var metricUnit = perplexity ? "perplexity" : "fraction";
        if (row.BoardValue is null && row.LatencyMs is null && row.PeakRssBytes is null && row.PowerWatts is null)
        {
            yield return new MeasurementRecord(Host, model, Quantities.HostMetric, row.HostValue, null, metricUnit);
            yield break;
        }
        var on = board ?? "board";
        var source = row.PowerSource?.ToString();
        if (row.BoardValue is { } value) yield return new MeasurementRecord(on, model, perplexity ? Quantities.Perplexity : Quantities.Accuracy, value, null, metricUnit);
        if (row.LatencyMs is { } latency) yield return new MeasurementRecord(on, model, Quantities.LatencyP50, latency, null, "ms");
        if (row.PeakRssBytes is { } rss) yield return new MeasurementRecord(on, model, Quantities.PeakMemory, rss, null, "B");
        if (row.PowerWatts is { } watts) yield return new MeasurementRecord(on, model, Quantities.Power, watts, row.PowerCi95Watts, "W", source);
        if (row.EnergyJoulesPerToken is { } energy) yield return new MeasurementRecord(on, model, Quantities.EnergyPerToken, energy, row.EnergyCi95JoulesPerToken, "J", source);
        if (row.NetJoulesPerToken is { } net) yield return new MeasurementRecord(on, model, Quantities.NetEnergyPerToken, net, null, "J", source);
        if (row.IdleWatts is { } idle) yield return new MeasurementRecord(on, model, Quantities.IdlePower, idle, null, "W", source);
        if (row.Saving is { } saving) yield return new MeasurementRecord(on, model, Quantities.Saving, saving, row.SavingCi95, "fraction", source);
    }

    /// <summary>The per-window figures of one logged window: its mean power with idle, and its energy per token above
    /// idle where it ran tokens. The model is the candidate's label, with <c>:baseline</c> or <c>:idle</c> for the
    /// fp32 and idle windows interleaved with it.</summary>
    public static IEnumerable<MeasurementRecord> Measurements(WindowLogRow window, string board)
    {
        var model = Label(window.Candidate) + window.Side switch
        {
            "candidate" => "",
            var side => ":" + side,
        };
        yield return new MeasurementRecord(board, model, Quantities.Power, window.GrossWatts, null, "W", window.Source, window.Order);
        if (window.NetJoulesPerToken is { } net) yield return new MeasurementRecord(board, model, Quantities.NetEnergyPerToken, net, null, "J", window.Source, window.Order);
    }
}
