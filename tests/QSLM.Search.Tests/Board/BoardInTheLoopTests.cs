using QSLM.Errors;
using QSLM.Search.Board;
using QSLM.Search.Hierarchy;
using QSLM.Search.Objective;
using QSLM.Search.Results;
using QSLM.Search.Synthetic;
using QSLM.Search.Tests.Hierarchy;
using QSLM.Search.Tiers;

namespace QSLM.Search.Tests.Board;

/// <summary>The tiered search with a board in the loop: what the board says of a candidate decides
/// what the search builds on and what it answers.</summary>
public sealed class BoardInTheLoopTests : IDisposable
{
    private static readonly ModelHierarchy H = ModelHierarchyTests.Of(3, 32, vocab: 400, lmHead: false, classes: 2);
    private readonly TemporaryFolder _temp = new("qslm-search-board-");

    public void Dispose() => _temp.Dispose();

    private async Task<(Candidate Best, SearchLedger Ledger)> Search(SearchObjective objective, string name, IBoardMeasurer? board, int failAfter = int.MaxValue)
    {
        var synthetic = new SyntheticEvaluator(H);
        var evaluator = new KilledAfter(synthetic, failAfter);
        using var log = ResultsLog.Open(Path.Combine(_temp.Path, name + ".csv"));
        var ledger = new SearchLedger(H, evaluator, evaluator, objective.Validate(), log, CompletedWork.From(log.Rows), board: board);
        return (await new TieredSearch(ledger, SyntheticEvaluator.Menu).RunAsync(), ledger);
    }

    private IReadOnlyList<CandidateRow> Rows(string name)
    {
        using var log = ResultsLog.Open(Path.Combine(_temp.Path, name + ".csv"));
        return log.Rows;
    }

    private static SearchObjective Within1Point(double alpha, double beta = 0) => new(AccuracyConstraint.Parse("acc>=-1pt"), null, alpha, beta);

    [Fact]
    public async Task The_answer_ran_on_the_board_and_the_baseline_and_each_tiers_best_were_measured_there()
    {
        var board = new SyntheticBoard();
        var (best, ledger) = await Search(Within1Point(1), "measured", board);

        Assert.NotNull(best.Board);
        Assert.Null(best.Board!.Failure);
        Assert.Equal(1, board.Measured[0]);
        Assert.Contains(ledger.All, c => c.Tier == SearchTier.Global && c.Board is not null);
        Assert.Contains(ledger.All, c => c.Tier == SearchTier.Block && c.Board is not null);
        Assert.DoesNotContain(ledger.All, c => c.Tier == SearchTier.Sensitivity && c.Board is not null);
        // Each measured candidate has its host row, then one board row with the board's columns filled.
        var rows = Rows("measured");
        foreach (var id in board.Measured)
        {
            var its = rows.Where(r => r.Candidate == id).ToList();
            Assert.Equal(2, its.Count);
            Assert.Equal("host-only", its[0].Status);
            Assert.Equal("measured", its[1].Status);
            Assert.Equal("simulated:synthetic-board", its[1].PowerSource?.ToString());
            Assert.NotNull(its[1].LatencyMs);
            Assert.NotNull(its[1].PeakRssBytes);
        }
    }

    [Fact]
    public async Task A_candidate_that_fails_on_the_board_is_infeasible_and_the_search_answers_another()
    {
        var hostOnly = (await Search(Within1Point(1), "host", null)).Best;
        var board = new SyntheticBoard { Crashes = c => c.Precisions.Compact == hostOnly.Precisions.Compact };
        var (best, ledger) = await Search(Within1Point(1), "crash", board);

        Assert.NotEqual(hostOnly.Precisions, best.Precisions);
        Assert.Null(best.Board!.Failure);
        var crashed = ledger.All.Single(c => c.Precisions.Compact == hostOnly.Precisions.Compact);
        Assert.False(crashed.Feasible);
        Assert.Contains(Rows("crash"), r => r.Candidate == crashed.Id && r.Status.StartsWith("failed:candidate: run-failed", StringComparison.Ordinal) && !r.Feasible);
    }

    [Fact]
    public async Task Measured_power_enters_the_objective_with_its_weight()
    {
        // A board where smaller models take more energy per token: with the power weight, the search settles on
        // a larger candidate than without it.
        IBoardMeasurer Board() => new SyntheticBoard { Watts = bytes => 10 - bytes / 1e5 };
        var without = (await Search(Within1Point(1, beta: 0), "beta0", Board())).Best;
        var with = (await Search(Within1Point(1, beta: 5), "beta5", Board())).Best;

        Assert.True(with.Bytes > without.Bytes, $"{with.Bytes} vs {without.Bytes}");
        // P compares energy per token with the fp32 baseline's on the same workload.
        var baselineEnergy = Rows("beta5").Single(r => r.Candidate == 1 && r.Status == "measured").EnergyJoulesPerToken!.Value;
        var accuracyAndMemory = (with.Metric - SyntheticEvaluator.BaselineAccuracy) / SyntheticEvaluator.BaselineAccuracy + 1 * (1 - (double)with.Bytes / Rows("beta5")[0].Bytes);
        Assert.Equal(accuracyAndMemory + 5 * (1 - with.Board!.EnergyJoulesPerToken!.Value / baselineEnergy), with.Score, 12);
    }

    [Fact]
    public async Task An_infrastructure_failure_stops_the_search_without_blaming_the_candidate_and_a_rerun_resumes_it()
    {
        var whole = await Search(Within1Point(1), "whole", new SyntheticBoard());

        var failing = new SyntheticBoard { InfrastructureFailureAt = 2 };
        await Assert.ThrowsAsync<InfrastructureFailureException>(() => Search(Within1Point(1), "resumed", failing));
        var rows = Rows("resumed");
        var infra = Assert.Single(rows, r => r.Status.StartsWith("failed:infrastructure", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Candidate == infra.Candidate && r.Status.StartsWith("failed:candidate", StringComparison.Ordinal));

        var healthy = new SyntheticBoard();
        var resumed = await Search(Within1Point(1), "resumed", healthy);
        Assert.Equal(whole.Best.Precisions, resumed.Best.Precisions);
        // The two measurements made before the failure were replayed, the one it stopped was made again.
        Assert.Equal(infra.Candidate, healthy.Measured[0]);
        Assert.Equal(
            File.ReadAllLines(Path.Combine(_temp.Path, "whole.csv")),
            File.ReadAllLines(Path.Combine(_temp.Path, "resumed.csv")).Where(l => !l.Contains("failed:infrastructure", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_search_killed_midway_with_a_board_resumes_without_measuring_anything_twice()
    {
        var wholeBoard = new SyntheticBoard();
        var whole = await Search(Within1Point(1), "whole", wholeBoard);

        var first = new SyntheticBoard();
        await Assert.ThrowsAsync<IOException>(() => Search(Within1Point(1), "killed", first, failAfter: whole.Ledger.All.Count * 2 / 3));
        var second = new SyntheticBoard();
        await Search(Within1Point(1), "killed", second);

        Assert.Equal(File.ReadAllText(Path.Combine(_temp.Path, "whole.csv")), File.ReadAllText(Path.Combine(_temp.Path, "killed.csv")));
        Assert.Equal(wholeBoard.Measured.Order(), first.Measured.Concat(second.Measured).Order());
    }

    [Fact]
    public async Task When_every_feasible_candidate_fails_on_the_board_the_error_says_so_and_why()
    {
        var board = new SyntheticBoard { Crashes = _ => true };
        var e = await Assert.ThrowsAsync<Errors.InputException>(() => Search(Within1Point(1), "allfail", board));
        Assert.Contains("failed on board synthetic", e.Message);
        Assert.Contains("run-failed: the runtime crashed", e.Message);
    }
}
