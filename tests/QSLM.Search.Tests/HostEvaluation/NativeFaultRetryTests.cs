using System.Runtime.InteropServices;
using QSLM.Search.Hierarchy;
using QSLM.Search.HostEvaluation;
using QSLM.Search.Results;
using QSLM.Search.Synthetic;
using QSLM.Search.Tests.Baselines;
using QSLM.Search.Tests.Hierarchy;
using QSLM.Search.Tiers;

namespace QSLM.Search.Tests.HostEvaluation;

public sealed class NativeFaultRetryTests : IDisposable
{
    private static readonly ModelHierarchy H = ModelHierarchyTests.Of(3, 32, vocab: 400, lmHead: false, classes: 2);
    private readonly TemporaryFolder _temp = new("qslm-native-fault-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_native_fault_in_one_evaluation_is_evaluated_again_named_in_one_warning_and_the_search_ends_as_without_it()
    {
        var warnings = new List<string>();
        var retry = new NativeFaultRetry(new NativeFaultAt(new SyntheticEvaluator(H), 3, times: 1), warnings.Add);

        var best = Search(retry, "fault");

        Assert.Equal(1, retry.Retried);
        var warning = Assert.Single(warnings);
        Assert.StartsWith("a native fault during the evaluation of ", warning);
        Assert.EndsWith("(Expected false to be true, but got false.); evaluating it again", warning);
        Assert.Equal(Search(new SyntheticEvaluator(H), "clean").Precisions, best.Precisions);
    }

    [Fact]
    public void A_native_fault_that_repeats_stops_the_search()
    {
        var retry = new NativeFaultRetry(new NativeFaultAt(new SyntheticEvaluator(H), 3, times: 2));

        Assert.Throws<ExternalException>(() => Search(retry, "faults"));
        Assert.Equal(NativeFaultRetry.Retries, retry.Retried);
    }

    [Fact]
    public void Other_failures_are_not_retried()
    {
        var inner = new ThrowsOnce(new InvalidOperationException("a bug, not libtorch"));
        var retry = new NativeFaultRetry(inner);

        Assert.Throws<InvalidOperationException>(() => retry.Evaluate(Precisions.Uniform(H, Format.Formats.QuantFormats.Get("int8"))));
        Assert.Equal(1, inner.Calls);
        Assert.Equal(0, retry.Retried);
    }

    private Candidate Search(ICandidateEvaluator evaluator, string name)
    {
        using var log = ResultsLog.Open(Path.Combine(_temp.Path, name + ".csv"));
        return new TieredSearch(new SearchLedger(H, evaluator, evaluator, StrategyLedgerTests.Within1Point(0.5), log), SyntheticEvaluator.Menu).Run();
    }

    // Throws as libtorch's internal errors surface through TorchSharp, at the n-th evaluation, `times` times.
    private sealed class NativeFaultAt(SyntheticEvaluator inner, int n, int times) : ICandidateEvaluator
    {
        private int _attempts;
        private int _thrown;

        public Evaluation Evaluate(Precisions precisions)
        {
            if (++_attempts >= n && _thrown < times)
            {
                _thrown++;
                throw new ExternalException("Expected false to be true, but got false.\nException raised from ...");
            }
            return inner.Evaluate(precisions);
        }
    }

    private sealed class ThrowsOnce(Exception exception) : ICandidateEvaluator
    {
        public int Calls { get; private set; }

        public Evaluation Evaluate(Precisions precisions)
        {
            Calls++;
            throw exception;
        }
    }
}
