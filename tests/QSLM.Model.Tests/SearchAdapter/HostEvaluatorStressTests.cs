using System.Runtime.InteropServices;
using QSLM.Data;
using QSLM.Format.Formats;
using QSLM.Model.SearchAdapter;
using QSLM.Search.Hierarchy;
using CandidateEvaluation = QSLM.Search.Tiers.Evaluation;
using static TorchSharp.torch;

namespace QSLM.Model.Tests.SearchAdapter;

public sealed class HostEvaluatorStressTests
{
    private const int Rounds = 60;
    private const int Vocabulary = 300;

    /// <summary>
    /// A garbage collection while libtorch runs lets the finalizer thread free whatever the running
    /// call uses that nothing holds any more; collecting continually from a second thread makes that
    /// happen within seconds instead of once in a long search. On the code that left TorchSharp Scalars
    /// and temporary tensors to the finalizer, this failed with libtorch's "Expected false to be true,
    /// but got false" or "Unknown scalar type".
    /// </summary>
    [Fact]
    public async Task Repeated_evaluations_under_continual_garbage_collection_all_succeed_and_agree()
    {
        random.manual_seed(1);
        using var host = new HostEvaluator(new SpikeGpt(new SpikeGptConfig(2, 64, Vocabulary, HasLmHead: true, ClassCount: 2)), "stress");
        var draw = new Random(1);
        var sentences = Enumerable.Range(0, 16)
            .Select(i => new Sst2Example("", Enumerable.Range(0, 4 + i % 5).Select(_ => (long)draw.Next(Vocabulary)).ToArray(), i % 2))
            .ToList();
        var tokens = Enumerable.Range(0, 256).Select(_ => (long)draw.Next(Vocabulary)).ToArray();
        var evaluators = new[] { host.Sst2Accuracy(sentences), host.Perplexity(tokens, 0) };
        var candidates = new[] { "int8", "sign1" }.Select(f => Precisions.Uniform(host.Hierarchy, QuantFormats.Get(f))).ToList();
        var first = new Dictionary<(int, string), CandidateEvaluation>();
        var faults = new List<string>();

        using (new ContinualCollection())
        {
            for (var round = 0; round < Rounds; round++)
            {
                for (var e = 0; e < evaluators.Length; e++)
                {
                    foreach (var candidate in candidates)
                    {
                        try
                        {
                            var evaluation = await evaluators[e].EvaluateAsync(candidate, CancellationToken.None);
                            if (!first.TryAdd((e, candidate.Compact), evaluation) && first[(e, candidate.Compact)] != evaluation)
                                faults.Add($"round {round}: {candidate.Compact} gave {evaluation}, first {first[(e, candidate.Compact)]}");
                        }
                        catch (ExternalException x)
                        {
                            faults.Add($"round {round}: {candidate.Compact}: {x.Message.Split('\n')[0]}");
                        }
                    }
                }
            }
        }

        Assert.True(faults.Count == 0, $"{faults.Count} faults: {string.Join("; ", faults)}");
    }

    /// <summary>Collects garbage on a background thread, back to back, until disposed.</summary>
    private sealed class ContinualCollection : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;

        public ContinualCollection()
        {
            _thread = new Thread(() =>
            {
                while (!_stop)
                {
                    GC.Collect(0);
                    Thread.Sleep(1);
                }
            }) { IsBackground = true, Name = "continual-gc" };
            _thread.Start();
        }

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
        }
    }
}
