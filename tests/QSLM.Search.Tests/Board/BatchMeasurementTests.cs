using QSLM.Errors;
using QSLM.Search.Board;
using QSLM.Search.Hierarchy;
using QSLM.Search.Objective;
using QSLM.Search.Results;
using QSLM.Search.Synthetic;
using QSLM.Search.Tests.Hierarchy;
using QSLM.Search.Tiers;

namespace QSLM.Search.Tests.Board;

/// <summary>A tier's promising candidates go to the board as one batch; whatever order the boards answer in, the
/// log, the resume and the answer are those of one board measuring them in turn.</summary>
public sealed class BatchMeasurementTests : IDisposable
{
    private static readonly ModelHierarchy H = ModelHierarchyTests.Of(3, 32, vocab: 400, lmHead: false, classes: 2);
    private readonly TemporaryFolder _temp = new("qslm-search-batch-");

    public void Dispose() => _temp.Dispose();

    private static SearchObjective Objective => new SearchObjective(AccuracyConstraint.Parse("acc>=-1pt"), null, 1, 2).Validate();

    private async Task<(Candidate Best, SearchLedger Ledger)> Search(string name, IBoardMeasurer board, SearchBudget? budget = null)
    {
        var evaluator = new SyntheticEvaluator(H);
        using var log = ResultsLog.Open(Path.Combine(_temp.Path, name + ".csv"));
        var ledger = new SearchLedger(H, evaluator, evaluator, Objective, log, CompletedWork.From(log.Rows), board: board) { Budget = budget ?? SearchBudget.None };
        return (await new TieredSearch(ledger, SyntheticEvaluator.Menu) { BoardCandidatesPerTier = 3 }.RunAsync(), ledger);
    }

    private string[] Lines(string name) => File.ReadAllLines(Path.Combine(_temp.Path, name + ".csv"));

    private IReadOnlyList<CandidateRow> Rows(string name)
    {
        using var log = ResultsLog.Open(Path.Combine(_temp.Path, name + ".csv"));
        return log.Rows;
    }

    // Power falls with size, so the power term moves the answer and a result applied to the wrong candidate shows.
    private static SyntheticBoard Board() => new() { Watts = bytes => 3 + bytes / 1e5 };

    [Fact]
    public async Task A_batch_answered_last_first_logs_and_answers_as_one_board_measuring_in_turn()
    {
        var inTurn = await Search("in-turn", Board());
        var pool = new OutOfOrderBoards(Board());
        var batched = await Search("batched", pool);

        Assert.Contains(pool.Batches, b => b.Count > 1);
        Assert.Equal(inTurn.Best.Precisions, batched.Best.Precisions);
        Assert.Equal(inTurn.Best.Score, batched.Best.Score);
        Assert.Equal(Lines("in-turn"), Lines("batched"));
    }

    [Fact]
    public async Task A_candidate_no_board_could_measure_is_logged_as_infrastructure_its_batch_mates_are_kept_and_a_rerun_measures_only_it()
    {
        var whole = await Search("whole", Board());
        var probe = new OutOfOrderBoards(Board());
        await Search("probe", probe);
        var batch = probe.Batches.First(b => b.Count > 1);
        var lost = batch[0];

        var failing = new OutOfOrderBoards(Board()) { Unmeasurable = c => c.Id == lost };
        var e = await Assert.ThrowsAsync<InfrastructureFailureException>(() => Search("resumed", failing));
        Assert.Contains($"#{lost}", e.Message);
        var rows = Rows("resumed");
        Assert.StartsWith("failed:infrastructure", rows.Last(r => r.Candidate == lost).Status, StringComparison.Ordinal);
        foreach (var mate in batch.Skip(1)) Assert.Contains(rows, r => r.Candidate == mate && r.Status == "measured");

        var healthy = new SyntheticBoard { Watts = bytes => 3 + bytes / 1e5 };
        var resumed = await Search("resumed", healthy);
        Assert.Equal(whole.Best.Precisions, resumed.Best.Precisions);
        Assert.Equal(lost, healthy.Measured[0]);
        Assert.DoesNotContain(healthy.Measured, batch.Skip(1).Contains);
        // The batch mates were logged before the lost candidate's measurement came on resume: the same rows, in another order.
        Assert.Equal(Lines("whole").Order(StringComparer.Ordinal), Lines("resumed").Where(l => !l.Contains("failed:infrastructure", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Candidates_rerun_on_another_board_are_counted_and_no_candidate_is_blamed()
    {
        var pool = new OutOfOrderBoards(Board()) { RerunsPerBatch = 1 };
        var (_, ledger) = await Search("reruns", pool);

        Assert.Equal(pool.Batches.Count, ledger.BoardReruns);
        Assert.DoesNotContain(Rows("reruns"), r => r.Status.StartsWith("failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_board_budget_cuts_the_batch_to_the_measurements_left()
    {
        var pool = new OutOfOrderBoards(Board());
        var (best, ledger) = await Search("budget", pool, new SearchBudget(MaxBoardMeasurements: 3));

        // The baseline and the global tier took two; the block tier's batch got the one left of its three best.
        Assert.Equal([1, 1, 1], pool.Batches.Select(b => b.Count));
        Assert.True(ledger.All.Count(c => c.Tier == SearchTier.Block && c.Feasible) >= 3);
        Assert.Single(ledger.All, c => c.Tier == SearchTier.Block && c.Board is not null);
        Assert.Equal(3, ledger.All.Count(c => c.Board is not null));
        Assert.Equal("3 board measurements", ledger.StoppedByBudget);
        Assert.NotNull(best.Board);
    }

    [Fact]
    public async Task One_board_measures_a_batch_in_turn_and_stops_at_its_first_infrastructure_failure()
    {
        var board = new SyntheticBoard { InfrastructureFailureAt = 1 };
        var candidates = Enumerable.Range(1, 3).Select(id => new Candidate(id, SearchTier.Global, Precisions.Uniform(H, SyntheticEvaluator.Menu[0]), 0.8, 1000 * id, 0, true)).ToList();

        var batch = await ((IBoardMeasurer)board).MeasureManyAsync(candidates, CancellationToken.None);

        Assert.Equal([1], batch.Measured.Keys);
        Assert.Equal([2], batch.Failed.Keys);
        Assert.Equal([1], board.Measured);
    }
}
