using QSLM.Errors;
using QSLM.Search.Hierarchy;
using QSLM.Search.Objective;
using QSLM.Search.Results;
using QSLM.Search.Synthetic;
using QSLM.Search.Tests.Hierarchy;
using QSLM.Search.Tiers;

namespace QSLM.Search.Tests.Tiers;

public sealed class TieredSearchTests : IDisposable
{
    private static readonly ModelHierarchy H = ModelHierarchyTests.Of(3, 32, vocab: 400, lmHead: false, classes: 2);
    private readonly TemporaryFolder _temp = new("qslm-search-");

    public void Dispose() => _temp.Dispose();

    private async Task<(Candidate Best, SearchLedger Ledger, SyntheticEvaluator Evaluator)> Search(SearchObjective objective, string name, int failAfter = int.MaxValue)
    {
        var synthetic = new SyntheticEvaluator(H);
        var evaluator = new KilledAfter(synthetic, failAfter);
        using var log = ResultsLog.Open(Path.Combine(_temp.Path, name + ".csv"));
        var ledger = new SearchLedger(H, evaluator, evaluator, objective.Validate(), log, CompletedWork.From(log.Rows));
        var best = await new TieredSearch(ledger, SyntheticEvaluator.Menu).RunAsync();
        return (best, ledger, synthetic);
    }


    [Fact]
    public async Task A_cancelled_search_stops_before_its_next_evaluation_and_resumes_to_the_same_answer()
    {
        var synthetic = new SyntheticEvaluator(H);
        using var cancel = new CancellationTokenSource();
        var stopping = new CancelAfter(synthetic, 5, cancel);
        var path = Path.Combine(_temp.Path, "cancelled.csv");
        using (var log = ResultsLog.Open(path))
        {
            var ledger = new SearchLedger(H, stopping, stopping, Within1Point(0.5).Validate(), log, CompletedWork.From(log.Rows));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new TieredSearch(ledger, SyntheticEvaluator.Menu).RunAsync(cancel.Token));
        }
        // Cancelled during the 5th evaluation, which completes and is logged; no 6th starts.
        Assert.Equal(5, synthetic.Calls);
        Assert.Equal(6, File.ReadAllLines(path).Length);

        using var resumedLog = ResultsLog.Open(path);
        var resumed = await new TieredSearch(new SearchLedger(H, synthetic, synthetic, Within1Point(0.5).Validate(), resumedLog, CompletedWork.From(resumedLog.Rows)), SyntheticEvaluator.Menu).RunAsync();
        Assert.Equal((await Search(Within1Point(0.5), "whole")).Best.Precisions, resumed.Precisions);
    }

    // Cancels the search while its n-th evaluation runs, as Ctrl+C or a scheduler's SIGTERM would.
    private sealed class CancelAfter(SyntheticEvaluator inner, int n, CancellationTokenSource cancel) : ICandidateEvaluator
    {
        public ValueTask<Evaluation> EvaluateAsync(Precisions precisions, CancellationToken cancellationToken)
        {
            if (inner.Calls + 1 == n) cancel.Cancel();
            return ValueTask.FromResult(inner.Evaluate(precisions));
        }
    }

    private static SearchObjective Within1Point(double alpha, long? constM = null) => new(AccuracyConstraint.Parse("acc>=-1pt"), constM, alpha);

    [Fact]
    public async Task Alpha_zero_keeps_the_most_accurate_candidate_and_a_positive_alpha_a_smaller_one()
    {
        var accurate = (await Search(Within1Point(0), "a0")).Best;
        var small = (await Search(Within1Point(1), "a1")).Best;
        Assert.NotEqual(accurate.Precisions, small.Precisions);
        Assert.True(accurate.Metric > small.Metric);
        Assert.True(small.Bytes < accurate.Bytes / 4);
        Assert.True(small.Metric >= SyntheticEvaluator.BaselineAccuracy - 0.01 - 1e-12);
    }

    [Fact]
    public async Task The_block_and_module_tiers_beat_every_uniform_precision()
    {
        var (best, ledger, _) = await Search(Within1Point(1), "tiers");
        var bestUniform = ledger.All.Where(c => c.Tier is SearchTier.Global or SearchTier.Baseline && c.Feasible).Max(c => c.Score);
        Assert.True(best.Score > bestUniform, $"best {best.Score} vs uniform {bestUniform}");
        Assert.True(best.Tier is SearchTier.Block or SearchTier.Module);
        // What the synthetic model rewards: the nearly immune embedding lowest, the fragile key kept high.
        Assert.All(H.Searchable, m => Assert.True(best.Precisions["emb"].Bits <= best.Precisions[m.Name].Bits, m.Name));
        Assert.True(best.Precisions["blocks.0.att.key"].Bits >= best.Precisions["blocks.1.att.key"].Bits);
    }

    [Fact]
    public async Task Two_memory_caps_choose_two_different_candidates_each_within_its_cap()
    {
        var fp32 = Precisions.Uniform(H, Format.Formats.QuantFormats.Fp32).WeightBytes;
        var smallest = (await Search(Within1Point(1), "smallest")).Best.Bytes;
        var looseCap = fp32 / 4;
        var loose = (await Search(Within1Point(0, constM: looseCap), "loose")).Best;
        // Just below what the loose cap chose, and above the smallest feasible candidate.
        var tightCap = loose.Bytes - 1;
        Assert.True(tightCap >= smallest);
        var tight = (await Search(Within1Point(0, constM: tightCap), "tight")).Best;
        Assert.NotEqual(loose.Precisions, tight.Precisions);
        Assert.True(loose.Bytes <= looseCap && tight.Bytes <= tightCap, $"{loose.Bytes} <= {looseCap}, {tight.Bytes} <= {tightCap}");
        Assert.True(loose.Metric >= tight.Metric);
    }

    private sealed class FlatteringEvaluator(ICandidateEvaluator inner) : ICandidateEvaluator
    {
        // Scores every quantized candidate above the fp32 model: a slice where quantizing helps.
        public async ValueTask<Evaluation> EvaluateAsync(Precisions precisions, CancellationToken cancellationToken)
        {
            var e = await inner.EvaluateAsync(precisions, cancellationToken);
            return precisions.Compact.Contains("int", StringComparison.Ordinal) || precisions.Compact.Contains("sign", StringComparison.Ordinal) ? e with { Metric = e.Metric + 0.1 } : e;
        }
    }

    [Fact]
    public async Task Sensitivity_measurements_on_their_own_slice_never_become_the_answer()
    {
        var evaluator = new SyntheticEvaluator(H);
        var path = Path.Combine(_temp.Path, "flatter.csv");
        Candidate best;
        SearchLedger ledger;
        using (var log = ResultsLog.Open(path))
        {
            ledger = new SearchLedger(H, evaluator, new FlatteringEvaluator(evaluator), Within1Point(0).Validate(), log, CompletedWork.From(log.Rows));
            best = await new TieredSearch(ledger, SyntheticEvaluator.Menu).RunAsync();
        }
        Assert.NotEqual(SearchTier.Sensitivity, best.Tier);
        Assert.Contains(ledger.All, c => c.Tier == SearchTier.Sensitivity && c.Score > best.Score);
        using var written = ResultsLog.Open(path);
        var sensitivityRows = written.Rows.Where(r => r.Tier == "sensitivity").ToList();
        Assert.NotEmpty(sensitivityRows);
        Assert.All(sensitivityRows, r => Assert.Equal("host-only, sensitivity slice", r.Status));
    }

    [Fact]
    public async Task Every_candidate_is_evaluated_once_and_logged_once()
    {
        var (_, ledger, evaluator) = await Search(Within1Point(1), "once");
        Assert.Equal(ledger.All.Count, evaluator.Calls);
        using var log = ResultsLog.Open(Path.Combine(_temp.Path, "once.csv"));
        Assert.Equal(ledger.All.Select(c => c.Id), log.Rows.Select(r => r.Candidate));
        Assert.Equal(ledger.All.Count, log.Rows.Select(r => (r.Precisions, r.Tier == "sensitivity")).Distinct().Count());
    }

    [Fact]
    public async Task A_search_killed_midway_and_restarted_writes_the_same_csv_as_an_uninterrupted_one()
    {
        var whole = await Search(Within1Point(1), "whole");
        await Assert.ThrowsAsync<IOException>(() => Search(Within1Point(1), "resumed", failAfter: whole.Ledger.All.Count / 2));
        var resumed = await Search(Within1Point(1), "resumed");
        Assert.Equal(File.ReadAllText(Path.Combine(_temp.Path, "whole.csv")), File.ReadAllText(Path.Combine(_temp.Path, "resumed.csv")));
        Assert.Equal(whole.Ledger.All.Count - whole.Ledger.All.Count / 2, resumed.Evaluator.Calls);
        Assert.Equal(whole.Best.Precisions, resumed.Best.Precisions);
    }

    [Fact]
    public async Task An_unsatisfiable_memory_cap_says_by_how_much_it_is_missed()
    {
        var e = await Assert.ThrowsAsync<InputException>(() => Search(Within1Point(0, constM: 1000), "m"));
        Assert.Contains("constM of 1000 bytes cannot be met", e.Message);
        Assert.Contains("over", e.Message);
    }

    [Fact]
    public async Task An_unsatisfiable_accuracy_floor_says_by_how_much_it_is_missed()
    {
        var e = await Assert.ThrowsAsync<InputException>(() => Search(new SearchObjective(AccuracyConstraint.Parse("acc>=0.9"), null, 0), "a"));
        Assert.Contains("constA acc>=0.9 cannot be met", e.Message);
        Assert.Contains("short by 0.1", e.Message);
    }
}
