using QSLM.Errors;
using QSLM.Search.Board;
using QSLM.Search.Hierarchy;
using QSLM.Search.Objective;
using QSLM.Search.Results;
using QSLM.Search.Synthetic;
using QSLM.Search.Tests.Hierarchy;
using QSLM.Search.Tiers;
using QSLM.Sensors.Board;

namespace QSLM.Search.Tests.Board;

/// <summary>Bounds on the board's latency, power and energy per token decide the answer, and only a candidate
/// measured on the board can be chosen under them.</summary>
public sealed class BoardLimitsSearchTests : IDisposable
{
    private static readonly ModelHierarchy H = ModelHierarchyTests.Of(3, 32, vocab: 400, lmHead: false, classes: 2);
    private readonly TemporaryFolder _temp = new("qslm-search-limits-");

    public void Dispose() => _temp.Dispose();

    // alpha 0.05: memory weighs little, so without a board bound the search keeps a large, accurate candidate.
    private static SearchObjective Objective(BoardLimits limits, double beta = 0) =>
        new SearchObjective(AccuracyConstraint.Parse("acc>=-1pt"), null, 0.05, beta) { Limits = limits }.Validate();

    private async Task<(Candidate Best, SearchLedger Ledger)> Search(SearchObjective objective, string name, IBoardMeasurer? board)
    {
        var evaluator = new SyntheticEvaluator(H);
        using var log = ResultsLog.Open(Path.Combine(_temp.Path, name + ".csv"));
        var ledger = new SearchLedger(H, evaluator, evaluator, objective, log, CompletedWork.From(log.Rows), board: board);
        return (await new TieredSearch(ledger, SyntheticEvaluator.Menu).RunAsync(), ledger);
    }

    [Fact]
    public async Task Under_a_latency_bound_the_answer_meets_it_where_the_unconstrained_answer_does_not()
    {
        var (free, ledger) = await Search(Objective(BoardLimits.None), "free", new SyntheticBoard());
        var fastest = ledger.All.Where(c => c.Tier != SearchTier.Sensitivity && c.Feasible).Min(c => 1 + c.Bytes / 1e6);
        var bound = (free.Board!.LatencyMs!.Value + fastest) / 2;

        var board = new SyntheticBoard();
        var (bounded, _) = await Search(Objective(new BoardLimits(MaxLatencyMs: bound)), "latency", board);

        Assert.True(free.Board.LatencyMs > bound, $"the unconstrained answer's {free.Board.LatencyMs} ms should miss {bound} ms");
        Assert.True(bounded.Board!.LatencyMs <= bound, $"{bounded.Board.LatencyMs} ms > {bound} ms");
        Assert.Contains(bounded.Id, board.Measured);
        Assert.True(bounded.Feasible);
        Assert.True(bounded.Limits!.Met);
    }

    [Fact]
    public async Task Under_an_energy_bound_the_answer_meets_it_at_the_upper_end_of_its_interval_where_the_unconstrained_answer_does_not()
    {
        // Power follows the bytes closely, so the answer's size decides its energy.
        SyntheticBoard Board() => new() { Watts = bytes => bytes / 1e5, EnergyCi95Fraction = 0.02 };
        var (free, ledger) = await Search(Objective(BoardLimits.None), "free", Board());
        var least = ledger.All.Where(c => c.Tier != SearchTier.Sensitivity && c.Feasible).Min(c => c.Bytes / 1e5 / 1000 * 1.02);
        var bound = (free.Board!.EnergyJoulesPerToken!.Value + least) / 2;

        var (bounded, boundedLedger) = await Search(Objective(new BoardLimits(MaxEnergyJoulesPerToken: bound)), "energy", Board());

        Assert.True(free.Board.EnergyJoulesPerToken > bound);
        var energy = bounded.Board!.EnergyJoulesPerToken!.Value;
        Assert.True(energy + bounded.Board.EnergyCi95JoulesPerToken!.Value <= bound, $"{energy} J/token and its interval should be under {bound}");
        // A candidate whose estimate is under the bound and whose interval reaches over it is not chosen.
        Assert.DoesNotContain(boundedLedger.All, c => c.Board is { Failure: null } m && m.EnergyJoulesPerToken <= bound && m.EnergyJoulesPerToken * 1.02 > bound && c.Feasible);
    }

    [Fact]
    public async Task A_board_bound_without_a_board_is_refused_since_no_candidate_could_be_measured()
    {
        var e = await Assert.ThrowsAsync<InputException>(() => Search(Objective(new BoardLimits(MaxPowerWatts: 5)), "noboard", null));
        Assert.Contains("need a board", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_candidate_the_board_measured_without_the_bounded_figure_is_never_chosen()
    {
        var board = new SyntheticBoard { OmitsLatency = true };
        var e = await Assert.ThrowsAsync<InputException>(() => Search(Objective(new BoardLimits(MaxLatencyMs: 1000)), "nolatency", board));

        Assert.Contains("latency not measured", e.Message, StringComparison.Ordinal);
        Assert.NotEmpty(board.Measured);
    }

    [Fact]
    public async Task Every_candidate_that_decides_the_answer_under_a_board_bound_was_measured_on_the_board()
    {
        var board = new SyntheticBoard();
        var (best, ledger) = await Search(Objective(new BoardLimits(MaxPowerWatts: 100)), "measured", board);

        Assert.NotNull(best.Board);
        Assert.Contains(best.Id, board.Measured);
        // Candidates never measured keep the host's provisional feasibility, yet the answer beats every measured one.
        Assert.All(ledger.All.Where(c => c.Board is { Failure: null } && c.Feasible), c => Assert.True(c.Score <= best.Score));
    }

    [Fact]
    public async Task An_estimated_energy_figure_that_decides_a_bound_says_it_is_an_estimate()
    {
        var estimate = SourceTag.Estimated("horowitz-45nm");
        var (best, ledger) = await Search(Objective(new BoardLimits(MaxEnergyJoulesPerToken: 1)), "estimated", new SyntheticBoard { Source = estimate });

        Assert.Equal(estimate, best.Limits!.EstimatedSource);
        Assert.Contains("estimated:horowitz-45nm", ledger.Describe(best), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_power_term_takes_the_interleaved_saving_of_the_same_run_over_the_ratio_to_the_baselines_separate_measurement()
    {
        var board = new SyntheticBoard { Saving = c => c.Tier == SearchTier.Baseline ? 0 : 0.25 };
        var (best, ledger) = await Search(Objective(BoardLimits.None, beta: 2), "saving", board);

        var baseline = ledger.Baseline;
        var accuracyAndMemory = (best.Metric - baseline.Metric) / baseline.Metric + 0.05 * (1 - (double)best.Bytes / baseline.Bytes);
        Assert.Equal(accuracyAndMemory + 2 * 0.25, best.Score, 12);
    }
}
