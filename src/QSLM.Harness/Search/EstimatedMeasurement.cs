using QSLM.Protocol.Messages;
using QSLM.Runtime.Inference;
using QSLM.Search.Board;

namespace QSLM.Harness.Search;

/// <summary>A candidate measured with no meter: its score and memory from the scoring, its latency from the timed
/// run's median repeat, and its power priced from the run's counted operations (<see cref="BoardPower.Estimate"/>,
/// labelled estimated).</summary>
public static class EstimatedMeasurement
{
    /// <summary>The measurement of the packed file at <paramref name="path"/> from its scoring and timed run.</summary>
    /// <param name="check">The board's scoring.</param>
    /// <param name="run">The timed run.</param>
    /// <param name="path">The packed file (its weight bytes per token are priced).</param>
    /// <param name="failure">Why the candidate failed given its peak memory, or null when it passed.</param>
    public static BoardMeasurement Of(EvaluationResult check, RunResult run, string path, Func<long?, string?> failure)
    {
        var measured = BoardPower.Estimate(run, WeightBytesPerToken(path));
        var latency = run.RepeatSeconds.Order().ElementAt(run.RepeatSeconds.Count / 2) / run.Tokens * 1000;
        var peak = new[] { check.PeakRssBytes, run.PeakRssBytes }.Max();
        return new BoardMeasurement(check.Metric, latency, peak, measured.Watts, measured.Ci95Watts, measured.JoulesPerToken, measured.Source, failure(peak));
    }

    private static long WeightBytesPerToken(string path)
    {
        using var runtime = SpikeGptRuntime.Open(path);
        return runtime.WeightBytesPerToken(runtime.HasLmHead);
    }
}
