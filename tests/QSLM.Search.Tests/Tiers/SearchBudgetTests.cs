using QSLM.Errors;
using QSLM.Search.Board;
using QSLM.Search.Hierarchy;
using QSLM.Search.Objective;
using QSLM.Search.Results;
using QSLM.Search.Synthetic;
using QSLM.Search.Tests.Board;
using QSLM.Search.Tests.Hierarchy;
using QSLM.Search.Tiers;

namespace QSLM.Search.Tests.Tiers;

/// <summary>A search bounded in host evaluations or wall time stops there, answers the best feasible candidate so
/// far, and resumes with a larger budget to the answer of an uninterrupted run with that budget.</summary>
public sealed class SearchBudgetTests : IDisposable
{
    private static readonly ModelHierarchy H = ModelHierarchyTests.Of(3, 32, vocab: 400, lmHead: false, classes: 2);
    private readonly TemporaryFolder _temp = new("qslm-search-budget-");

    public void Dispose() => _temp.Dispose();

    private static SearchObjective Within1Point(long? constM = null) => new SearchObjective(AccuracyConstraint.Parse("acc>=-1pt"), constM, 1).Validate();

    private async Task<(Candidate Best, SearchLedger Ledger, SyntheticEvaluator Evaluator)> Search(string name, SearchBudget budget, IBoardMeasurer? board = null,
        SearchObjective? objective = null, TimeProvider? clock = null, Func<SyntheticEvaluator, ICandidateEvaluator>? wrap = null)
    {
        var synthetic = new SyntheticEvaluator(H);
        var evaluator = wrap?.Invoke(synthetic) ?? synthetic;
        using var log = ResultsLog.Open(Path.Combine(_temp.Path, name + ".csv"));
        var ledger = new SearchLedger(H, evaluator, evaluator, objective ?? Within1Point(), log, CompletedWork.From(log.Rows), board: board, clock: clock) { Budget = budget.Validate() };
        return (await new TieredSearch(ledger, SyntheticEvaluator.Menu).RunAsync(), ledger, synthetic);
    }

    private int HostRows(string name)
    {
        using var log = ResultsLog.Open(Path.Combine(_temp.Path, name + ".csv"));
        return log.Rows.Count(r => CandidateStatus.TryParse(r.Status)?.Outcome == CandidateOutcome.HostOnly);
    }

    [Fact]
    public async Task An_evaluation_budget_stops_the_search_at_exactly_that_many_host_evaluations_and_answers_the_best_so_far()
    {
        var whole = await Search("whole", SearchBudget.None);
        const int budget = 12;
        Assert.True(whole.Ledger.All.Count > budget);

        var (best, ledger, evaluator) = await Search("bounded", new SearchBudget(MaxEvaluations: budget));

        Assert.Equal(budget, evaluator.Calls);
        Assert.Equal(budget, ledger.All.Count);
        Assert.Equal(budget, HostRows("bounded"));
        Assert.Equal("12 host evaluations", ledger.StoppedByBudget);
        Assert.True(best.Feasible);
        Assert.Equal(ledger.Best, best);
        Assert.Null(whole.Ledger.StoppedByBudget);
    }

    [Fact]
    public async Task With_a_board_the_answer_of_a_stopped_search_is_confirmed_there()
    {
        var board = new SyntheticBoard();
        var (best, ledger, _) = await Search("board", new SearchBudget(MaxEvaluations: 12), board);

        Assert.Equal(12, ledger.All.Count);
        Assert.NotNull(best.Board);
        Assert.Contains(best.Id, board.Measured);
    }

    [Theory]
    [InlineData(9, 25)]
    [InlineData(12, 1000)]
    public async Task Resuming_with_a_larger_budget_answers_as_an_uninterrupted_run_with_that_budget(int first, int larger)
    {
        var uninterrupted = await Search("uninterrupted", new SearchBudget(MaxEvaluations: larger), new SyntheticBoard());

        await Search("resumed", new SearchBudget(MaxEvaluations: first), new SyntheticBoard());
        var resumed = await Search("resumed", new SearchBudget(MaxEvaluations: larger), new SyntheticBoard());

        Assert.Equal(uninterrupted.Best.Id, resumed.Best.Id);
        Assert.Equal(uninterrupted.Best.Precisions, resumed.Best.Precisions);
        Assert.Equal(uninterrupted.Best.Score, resumed.Best.Score);
        Assert.Equal(uninterrupted.Ledger.All.Select(c => c.Precisions.Compact), resumed.Ledger.All.Select(c => c.Precisions.Compact));
        Assert.Equal(uninterrupted.Ledger.StoppedByBudget, resumed.Ledger.StoppedByBudget);
        // Only what the first run did not evaluate is evaluated again.
        Assert.Equal(uninterrupted.Ledger.All.Count - first, resumed.Evaluator.Calls);
        Assert.Equal(first, resumed.Ledger.Replayed);
    }

    [Fact]
    public async Task Resuming_with_a_smaller_budget_than_the_log_holds_answers_as_a_run_with_that_budget()
    {
        var small = await Search("small", new SearchBudget(MaxEvaluations: 10));
        await Search("shrunk", SearchBudget.None);
        var shrunk = await Search("shrunk", new SearchBudget(MaxEvaluations: 10));

        Assert.Equal(small.Best.Precisions, shrunk.Best.Precisions);
        Assert.Equal(0, shrunk.Evaluator.Calls);
    }

    [Fact]
    public async Task A_time_budget_stops_the_search_before_the_first_evaluation_past_it()
    {
        var clock = new SteppedClock();
        var (best, ledger, evaluator) = await Search("timed", new SearchBudget(MaxWallTime: TimeSpan.FromMinutes(5)), clock: clock,
            wrap: synthetic => new TakingAMinute(synthetic, clock));

        Assert.Equal(5, evaluator.Calls);
        Assert.Equal("5 minutes of wall time, after 5 host evaluations", ledger.StoppedByBudget);
        Assert.True(best.Feasible);
    }

    [Fact]
    public async Task A_budget_that_runs_out_before_any_feasible_candidate_says_so()
    {
        var e = await Assert.ThrowsAsync<InputException>(() => Search("starved", new SearchBudget(MaxEvaluations: 1), objective: Within1Point(constM: 10_000)));

        Assert.StartsWith("the search budget ran out (1 host evaluation) before a feasible candidate was found: constM", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(null, 0.0)]
    [InlineData(null, -1.0)]
    public void A_budget_that_is_not_positive_is_refused(int? evaluations, double? minutes)
    {
        var budget = new SearchBudget(evaluations, minutes is { } m ? TimeSpan.FromMinutes(m) : null);
        Assert.Throws<InputException>(() => budget.Validate());
    }

    private sealed class SteppedClock : TimeProvider
    {
        public long Ticks { get; set; }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Ticks;
    }

    // Each evaluation takes a minute of the clock.
    private sealed class TakingAMinute(SyntheticEvaluator inner, SteppedClock clock) : ICandidateEvaluator
    {
        public ValueTask<Evaluation> EvaluateAsync(Precisions precisions, CancellationToken cancellationToken)
        {
            clock.Ticks += TimeSpan.TicksPerMinute;
            return inner.EvaluateAsync(precisions, cancellationToken);
        }
    }

    [Fact]
    public async Task A_board_measurement_budget_measures_exactly_that_many_candidates_and_answers_the_best_of_them()
    {
        var unbounded = new SyntheticBoard();
        await Search("board-unbounded", SearchBudget.None, unbounded);
        Assert.True(unbounded.Measured.Count > 2, $"{unbounded.Measured.Count} measured without a budget");

        var board = new SyntheticBoard();
        var (best, ledger, _) = await Search("board-bounded", new SearchBudget(MaxBoardMeasurements: 2), board);

        Assert.Equal(2, board.Measured.Count);
        Assert.Contains(best.Id, board.Measured);
        Assert.Equal("2 board measurements", ledger.StoppedByBudget);
        var measuredFeasible = ledger.All.Where(c => c.Board is not null && c.Feasible && c.Tier != SearchTier.Sensitivity).ToList();
        Assert.Equal(measuredFeasible.Max(c => c.Score), best.Score);
    }

    [Fact]
    public async Task A_search_resumed_with_more_board_measurements_answers_as_an_uninterrupted_one()
    {
        await Search("board-resumed", new SearchBudget(MaxBoardMeasurements: 2), new SyntheticBoard());
        var (resumed, _, _) = await Search("board-resumed", new SearchBudget(MaxBoardMeasurements: 4), new SyntheticBoard());
        var (direct, _, _) = await Search("board-direct", new SearchBudget(MaxBoardMeasurements: 4), new SyntheticBoard());

        Assert.Equal(direct.Precisions, resumed.Precisions);
        Assert.Equal(direct.Id, resumed.Id);
    }
}
