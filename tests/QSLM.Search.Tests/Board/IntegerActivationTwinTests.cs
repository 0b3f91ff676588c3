using QSLM.Format.Formats;
using QSLM.Search.Hierarchy;
using QSLM.Search.Objective;
using QSLM.Search.Results;
using QSLM.Search.Synthetic;
using QSLM.Search.Tests.Hierarchy;
using QSLM.Search.Tiers;

namespace QSLM.Search.Tests.Board;

/// <summary>
/// An A8 twin has its weight-only precision's bytes, so no lowering tries it; with energy weighed, the search measures
/// the best candidate's twin (each module in the menu's A8 form of its precision) and the board decides.
/// </summary>
public sealed class IntegerActivationTwinTests : IDisposable
{
    private static readonly ModelHierarchy H = ModelHierarchyTests.Of(3, 32, vocab: 400, lmHead: false, classes: 2);
    private readonly TemporaryFolder _temp = new("qslm-search-twin-");

    public void Dispose() => _temp.Dispose();

    // The paper's menu, then A8 forms of its lower precisions after it, so that every lowering meets the weight-only form
    // first; int8 has no A8 form here, so the uniform candidates with integer activations miss the accuracy constraint and
    // the tiers build on weight-only candidates.
    private static readonly IReadOnlyList<QuantFormat> Menu =
        [.. SyntheticEvaluator.Menu, .. new[] { "int4_a8", "int3_a8", "int2_a8", "sign1_a8" }.Select(QuantFormats.Get)];

    // A board on which every module with integer activations saves a tenth of a watt.
    private static SyntheticBoard Board() => new()
    {
        CandidateWatts = c => 10 - 0.1 * H.Searchable.Count(m => c.Precisions[m.Name].QuantizesActivations),
    };

    private async Task<(Candidate Best, SearchLedger Ledger)> Search(string name, double beta, IReadOnlyList<QuantFormat> menu)
    {
        var evaluator = new SyntheticEvaluator(H);
        using var log = ResultsLog.Open(Path.Combine(_temp.Path, name + ".csv"));
        var ledger = new SearchLedger(H, evaluator, evaluator, new SearchObjective(AccuracyConstraint.Parse("acc>=-1pt"), null, 1, beta).Validate(), log,
            CompletedWork.From(log.Rows), board: Board());
        return (await new TieredSearch(ledger, menu).RunAsync(), ledger);
    }

    [Fact]
    public async Task With_energy_weighed_the_answer_is_the_best_candidates_a8_twin_measured_beside_it()
    {
        var (best, ledger) = await Search("twins", 5, Menu);

        // The answer is the twin of a weight-only candidate measured beside it, module for module, made in the last tier:
        // some modules with integer activations, the int8 ones (no A8 form in this menu) without.
        Assert.Contains(H.Searchable, m => best.Precisions[m.Name].QuantizesActivations);
        Assert.Contains(H.Searchable, m => best.Precisions[m.Name].Name == "int8");
        Assert.Equal(SearchTier.Module, best.Tier);
        Assert.NotNull(best.Board);
        var twinOf = ledger.All.Single(c => c.Board is not null && H.Searchable.All(m => c.Precisions[m.Name].Id == QuantFormats.WeightOnly(best.Precisions[m.Name]).Id));
        Assert.True(best.Score > twinOf.Score, $"{best.Score} vs {twinOf.Score}");
    }

    [Fact]
    public async Task Without_energy_weighed_no_twin_is_tried()
    {
        var (best, ledger) = await Search("no-beta", 0, Menu);

        Assert.DoesNotContain(H.Searchable, m => best.Precisions[m.Name].QuantizesActivations);
        Assert.DoesNotContain(ledger.All, c => c.Tier == SearchTier.Module && H.Searchable.Any(m => c.Precisions[m.Name].QuantizesActivations) && c.Board is not null);
    }
}
