using QSLM.Sensors.Board;
using QSLM.Errors;
using QSLM.Search.Board;
using QSLM.Search.Tiers;

namespace QSLM.Search.Tests.Board;

/// <summary>
/// A stand-in board with known behaviour: the board's metric equals the host's, latency and power
/// follow the bytes, candidates matching <see cref="Crashes"/> fail as the model's fault, and the
/// measurement numbered <see cref="InfrastructureFailureAt"/> fails as the board's. Power is
/// labelled simulated, as a figure that never came from a sensor must be.
/// </summary>
internal sealed class SyntheticBoard : IBoardMeasurer
{
    public string Board => "synthetic";

    public Func<Candidate, bool> Crashes { get; init; } = _ => false;

    /// <summary>Watts as a function of the candidate's bytes (energy per token is a thousandth of it).</summary>
    public Func<long, double> Watts { get; init; } = bytes => 2 + bytes / 1e6;

    /// <summary>Watts as a function of the whole candidate, over <see cref="Watts"/> when set.</summary>
    public Func<Candidate, double>? CandidateWatts { get; init; }

    public int InfrastructureFailureAt { get; init; } = int.MaxValue;

    /// <summary>Half-width of the energy per token's 95% interval, as a fraction of it (null: the board gives none).</summary>
    public double? EnergyCi95Fraction { get; init; }

    /// <summary>The saving against the baseline in interleaved windows, by candidate (null: the board gives none).</summary>
    public Func<Candidate, double?> Saving { get; init; } = _ => null;

    /// <summary>Whether the board leaves latency out of its measurement.</summary>
    public bool OmitsLatency { get; init; }

    /// <summary>The label of its power figures.</summary>
    public SourceTag Source { get; init; } = SourceTag.Simulated("synthetic-board");

    public List<int> Measured { get; } = [];

    public Task<BoardMeasurement> MeasureAsync(Candidate candidate, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Measure(candidate));
    }

    private BoardMeasurement Measure(Candidate candidate)
    {
        if (Measured.Count == InfrastructureFailureAt) throw new InfrastructureFailureException("synthetic: the link went down");
        Measured.Add(candidate.Id);
        if (Crashes(candidate)) return new BoardMeasurement(null, null, null, null, null, null, null, "run-failed: the runtime crashed");
        var watts = CandidateWatts?.Invoke(candidate) ?? Watts(candidate.Bytes);
        return new BoardMeasurement(candidate.Metric, OmitsLatency ? null : 1 + candidate.Bytes / 1e6, candidate.Bytes + 50_000_000, watts, 0.01, watts / 1000, Source)
        {
            EnergyCi95JoulesPerToken = watts / 1000 * EnergyCi95Fraction,
            Saving = Saving(candidate),
        };
    }
}
